import { Link } from 'react-router';
import type { MatchRecord } from '@jobsearchai/api/contract';
import { ScoreBadge } from '../components/ScoreBadge';
import { describeMatcher, formatTimestamp, parseTimestamp } from '../lib/format';
import type { FromMatchesState } from './MatchDetailView';

/**
 * Every evaluation of the posting (all search terms and CVs), newest first, the one this page
 * shows marked in words (not by colour alone) and with aria-current.
 */
export function PostingEvaluations({
  shown,
  others,
  back,
}: {
  shown: MatchRecord;
  others: MatchRecord[];
  back: string;
}) {
  const all = [shown, ...others].sort(
    (a, b) =>
      (parseTimestamp(b.matchedAt)?.getTime() ?? 0) - (parseTimestamp(a.matchedAt)?.getTime() ?? 0) || b.id - a.id,
  );
  return (
    <section className="card" aria-labelledby="evaluations-heading">
      <h2 id="evaluations-heading">Every evaluation of this posting ({all.length})</h2>
      {others.length === 0 ? (
        <p className="muted">No other search term or CV version has evaluated this posting.</p>
      ) : null}
      <div className="table-wrap">
        <table className="data-table stack-on-phone evaluations-table">
          <caption className="visually-hidden">
            Evaluations of this posting by search term and CV; the one shown on this page is marked.
          </caption>
          <thead>
            <tr>
              <th scope="col">Search term</th>
              <th scope="col">CV version</th>
              <th scope="col">Score</th>
              <th scope="col">Scored by</th>
              <th scope="col">Matched (UTC)</th>
              <th scope="col">
                <span className="visually-hidden">Details</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {all.map((m) => {
              const current = m.id === shown.id;
              return (
                <tr
                  key={m.id}
                  data-evaluation-id={m.id}
                  className={current ? 'evaluation-shown' : undefined}
                  aria-current={current ? 'true' : undefined}
                >
                  <td data-label="Search term">{m.searchTerm}</td>
                  <td data-label="CV version">
                    <code>{m.cvKey}</code>
                  </td>
                  <td data-label="Score">
                    <ScoreBadge score={m.overallMatch} />
                  </td>
                  <td data-label="Scored by">{describeMatcher(m)}</td>
                  <td data-label="Matched">{formatTimestamp(m.matchedAt)}</td>
                  <td data-label="Details">
                    {current ? (
                      <strong>Shown on this page</strong>
                    ) : (
                      <Link to={`/matches/${m.id}`} state={{ matchesSearch: back } satisfies FromMatchesState}>
                        View
                        <span className="visually-hidden">
                          {' '}
                          the evaluation for {m.searchTerm}, CV {m.cvKey}
                        </span>
                      </Link>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
