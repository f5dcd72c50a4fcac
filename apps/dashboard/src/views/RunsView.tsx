import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { RunRecord } from '@jobsearchai/api/contract';
import { api } from '../api/client';
import { PageHeading } from '../components/PageHeading';
import { RunStatusBadge } from '../components/RunStatusBadge';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { readToken, storeToken } from '../lib/api-token';
import { describeStopReason, formatCount, formatTimestamp, formatUsd } from '../lib/format';
import { usePolling } from '../lib/use-polling';
import { NewRunForm } from './NewRunForm';
import { TokenPanel } from './TokenPanel';

const PAGE_SIZE = 25;
const POLL_MS = 2000;

export function RunsView() {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const cursor = /^[1-9]\d{0,15}$/.test(params.get('cursor') ?? '') ? params.get('cursor')! : '';
  const previous = ((location.state as { previous?: string[] } | null)?.previous ?? []).filter(
    (c) => typeof c === 'string',
  );
  const [token, setToken] = useState(readToken);

  // While a run is going, the list refreshes itself so its counters move.
  const runs = usePolling(
    `runs-${cursor}`,
    (signal) => api.runs({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }, signal),
    POLL_MS,
    (page) => page.items.some((run) => run.status === 'running'),
  );

  const saveToken = (value: string) => {
    storeToken(value);
    setToken(value);
  };
  const goTo = (nextCursor: string, stack: string[]) =>
    navigate({ pathname: '/runs', search: nextCursor ? `?cursor=${nextCursor}` : '' }, { state: { previous: stack } });

  return (
    <>
      <PageHeading title="Search runs" />
      <p className="lead">
        Every run scrapes results pages newest first and stops at the first page with nothing new. Postings already
        evaluated for the same search term and CV are not sent to the LLM again.
      </p>
      <section className="card" aria-labelledby="new-run-heading">
        <h2 id="new-run-heading">New search</h2>
        <TokenPanel token={token} onChange={saveToken} />
        {token ? <NewRunForm token={token} onStarted={(id) => navigate(`/runs/${id}`)} /> : null}
      </section>
      <section aria-labelledby="runs-heading" aria-busy={runs.loading}>
        <h2 id="runs-heading">Runs</h2>
        {runs.error && !runs.data ? (
          <ErrorState error={runs.error} title="Could not load the runs" />
        ) : !runs.data ? (
          <Loading label="Loading runs…" />
        ) : runs.data.items.length === 0 ? (
          <EmptyState title="No search runs yet">
            <p>
              Start one above, or on the command line:{' '}
              <code>pnpm exec jobsearch-api search --search-term IT --cv path/to/cv.pdf</code>
            </p>
          </EmptyState>
        ) : (
          <>
            {runs.error ? (
              <p className="notice" role="status">
                Refreshing failed ({runs.error.detail}); showing the last answer.
              </p>
            ) : null}
            <RunsTable runs={runs.data.items} />
            {cursor || runs.data.nextCursor ? (
              <nav className="pager" aria-label="Pages of runs">
                <button
                  type="button"
                  className="button"
                  disabled={!cursor}
                  onClick={() => goTo(previous.at(-1) ?? '', previous.slice(0, -1))}
                >
                  ← Newer runs
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={!runs.data.nextCursor}
                  onClick={() => runs.data?.nextCursor && goTo(runs.data.nextCursor, [...previous, cursor])}
                >
                  Older runs →
                </button>
              </nav>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}

function RunsTable({ runs }: { runs: RunRecord[] }) {
  return (
    <div className="table-wrap">
      <table className="data-table stack-on-phone runs-table">
        <caption className="visually-hidden">Search runs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Search term</th>
            <th scope="col">Started (UTC)</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Pages scraped / saved
            </th>
            <th scope="col" className="num">
              Postings new / duplicate / reused
            </th>
            <th scope="col" className="num">
              LLM calls made / saved
            </th>
            <th scope="col" className="num">
              Cost / saved
            </th>
            <th scope="col">Stop reason</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-run-id={run.id}>
              <td data-label="Run">
                <Link to={`/runs/${run.id}`}>
                  <span className="visually-hidden">Run </span>#{run.id}
                </Link>
              </td>
              <td data-label="Search term">
                {run.searchTerm}
                <div className="muted small">
                  CV <code>{run.cvKey.slice(0, 8)}</code> · {run.source}
                </div>
              </td>
              <td data-label="Started">{formatTimestamp(run.startedAt)}</td>
              <td data-label="Status">
                <RunStatusBadge status={run.status} />
              </td>
              <td data-label="Pages scraped / saved" className="num">
                {formatCount(run.pagesScraped)} / {formatCount(run.pagesSaved)}
              </td>
              <td data-label="Postings new / dup. / reused" className="num">
                {formatCount(run.postingsNew)} / {formatCount(run.postingsDuplicate)} /{' '}
                {formatCount(run.postingsReused)}
              </td>
              <td data-label="LLM calls made / saved" className="num">
                {formatCount(run.llmCalls)} / {formatCount(run.llmSaved)}
                {run.llmFailed > 0 ? <div className="small warn">{formatCount(run.llmFailed)} failed</div> : null}
              </td>
              <td data-label="Cost / saved" className="num">
                {formatUsd(run.costUsd)} / {formatUsd(run.costSavedUsd)}
              </td>
              <td data-label="Stop reason">{run.status === 'running' ? '–' : describeStopReason(run.stopReason)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
