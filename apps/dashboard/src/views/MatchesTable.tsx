import { Link, useLocation } from 'react-router';
import type { MatchListItem, MatchSort } from '@jobsearchai/api/contract';
import { ScoreBadge } from '../components/ScoreBadge';
import { STATUS_LABELS } from '../lib/application-status';
import { formatTimestamp, parseTimestamp } from '../lib/format';
import { isNewSince } from '../lib/last-visit';
import type { FromMatchesState } from './MatchDetailView';

interface SortableColumn {
  label: string;
  /** First click sorts this way; a second click on score or date reverses it. */
  sorts: [MatchSort] | [MatchSort, MatchSort];
}

const COLUMNS = {
  title: { label: 'Title', sorts: ['title_asc'] },
  company: { label: 'Company', sorts: ['company_asc'] },
  score: { label: 'Score', sorts: ['score_desc', 'score_asc'] },
  date: { label: 'Matched (UTC)', sorts: ['date_desc', 'date_asc'] },
} satisfies Record<string, SortableColumn>;

function SortHeader({
  column,
  sort,
  onSort,
}: {
  column: SortableColumn;
  sort: MatchSort;
  onSort: (sort: MatchSort) => void;
}) {
  const index = column.sorts.indexOf(sort);
  const active = index >= 0;
  const ascending = active && sort.endsWith('_asc');
  const next = active && column.sorts.length === 2 ? column.sorts[1 - index]! : column.sorts[0];
  return (
    <th scope="col" aria-sort={active ? (ascending ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort(next)}
        disabled={active && column.sorts.length === 1}
      >
        {column.label}
        <span className="sort-indicator" aria-hidden="true">
          {active ? (ascending ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** "N/A" is how the legacy scraper wrote a missing value. */
function shown(value: string | null): string {
  const text = value?.trim();
  return text && text !== 'N/A' ? text : '–';
}

export function MatchesTable({
  matches,
  sort,
  onSort,
  newSince,
}: {
  matches: MatchListItem[];
  sort: MatchSort;
  onSort: (sort: MatchSort) => void;
  /** Rows evaluated after this time are marked new; null marks none. */
  newSince: Date | null;
}) {
  const { search } = useLocation();
  return (
    <div className="table-wrap">
      <table className="data-table stack-on-phone matches-table">
        <caption className="visually-hidden">
          Matches, one row per posting and CV; column headers with buttons change the sort order.
        </caption>
        <thead>
          <tr>
            <SortHeader column={COLUMNS.title} sort={sort} onSort={onSort} />
            <SortHeader column={COLUMNS.company} sort={sort} onSort={onSort} />
            <th scope="col">Location</th>
            <SortHeader column={COLUMNS.score} sort={sort} onSort={onSort} />
            <th scope="col">Status</th>
            <th scope="col">Search terms</th>
            <th scope="col">Posted</th>
            <th scope="col">Workload</th>
            <SortHeader column={COLUMNS.date} sort={sort} onSort={onSort} />
            <th scope="col">
              <span className="visually-hidden">Posting</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {matches.map((m) => {
            const title = m.jobTitle?.trim() || 'Untitled posting';
            const isNew = isNewSince(m.matchedAt, newSince);
            return (
              <tr key={m.id} data-match-id={m.id} data-new={isNew ? 'true' : undefined}>
                <td data-label="Title" className="cell-title">
                  <Link to={`/matches/${m.id}`} state={{ matchesSearch: search } satisfies FromMatchesState}>
                    {title}
                  </Link>
                  {isNew ? (
                    <span className="badge badge-new">
                      New<span className="visually-hidden"> since your last visit</span>
                    </span>
                  ) : null}
                </td>
                <td data-label="Company">{m.companyName ?? '–'}</td>
                <td data-label="Location">{m.location ?? '–'}</td>
                <td data-label="Score">
                  <ScoreBadge score={m.overallMatch} />
                  {m.bestScore !== null && m.bestScore !== m.overallMatch ? (
                    <span className="muted best-score"> (best {m.bestScore}/10)</span>
                  ) : null}
                </td>
                <td data-label="Status">
                  <span className={`app-status app-status-${m.applicationStatus.toLowerCase()}`}>
                    {STATUS_LABELS[m.applicationStatus]}
                  </span>
                </td>
                <td data-label="Search terms">
                  <ul className="term-list" aria-label={`Found under ${m.searchTerms.length} search terms`}>
                    {m.searchTerms.map((term) => (
                      <li key={term} className="term">
                        {term}
                      </li>
                    ))}
                  </ul>
                  {m.evaluationCount > m.searchTerms.length ? (
                    <span className="muted"> {m.evaluationCount} evaluations</span>
                  ) : null}
                </td>
                <td data-label="Posted">{shown(m.postingDate)}</td>
                <td data-label="Workload">{shown(m.salaryRange)}</td>
                <td data-label="Matched">
                  <time dateTime={parseTimestamp(m.matchedAt)?.toISOString()}>{formatTimestamp(m.matchedAt)}</time>
                </td>
                <td data-label="Posting">
                  <a href={m.jobUrl} target="_blank" rel="noopener noreferrer" className="external">
                    Open posting<span className="visually-hidden">: {title} (opens in a new tab)</span>
                    <span aria-hidden="true"> ↗</span>
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
