import { Link, useParams } from 'react-router';
import type { RunDetail } from '@jobsearchai/api/contract';
import { api } from '../api/client';
import { PageHeading } from '../components/PageHeading';
import { RunStatusBadge } from '../components/RunStatusBadge';
import { ErrorState, Loading } from '../components/States';
import {
  describeStopReason,
  formatCount,
  formatDuration,
  formatPercent,
  formatTimestamp,
  formatUsd,
  ratio,
} from '../lib/format';
import { DEFAULT_FILTERS, filtersToParams } from '../lib/match-filters';
import { usePolling } from '../lib/use-polling';
import { NotFoundView } from './NotFoundView';

const POLL_MS = 1000;

export function RunDetailView() {
  const { id } = useParams();
  const runId = /^[1-9]\d{0,15}$/.test(id ?? '') ? Number(id) : null;
  if (runId === null) return <NotFoundView />;
  return <RunDetailLoader id={runId} />;
}

function RunDetailLoader({ id }: { id: number }) {
  // Polls while the run is going: the API updates its counters page by page.
  const run = usePolling(
    `run-${id}`,
    (signal) => api.run(id, signal),
    POLL_MS,
    (data) => data.status === 'running',
  );
  const back = (
    <Link className="back-link" to="/runs">
      ← All runs
    </Link>
  );
  if (!run.data) {
    return (
      <>
        {back}
        {run.error ? (
          <>
            <PageHeading title={run.error.status === 404 ? 'Run not found' : `Run #${id}`} />
            <ErrorState
              error={run.error}
              title={run.error.status === 404 ? 'There is no run with this id' : 'Could not load the run'}
            />
          </>
        ) : (
          <Loading label="Loading the run…" />
        )}
      </>
    );
  }
  return (
    <>
      {back}
      <RunReport run={run.data} />
      {run.error ? (
        <p className="notice" role="status">
          Refreshing failed ({run.error.detail}); trying again.
        </p>
      ) : null}
    </>
  );
}

function RunReport({ run }: { run: RunDetail }) {
  const running = run.status === 'running';
  const matchesLink = `/?${filtersToParams({ ...DEFAULT_FILTERS, searchTerm: run.searchTerm, cvKey: run.cvKey, minScore: 0, sort: 'date_desc' }).toString()}`;
  return (
    <>
      <PageHeading title={`Run #${run.id}: ${run.searchTerm}`}>
        <Link className="button" to={matchesLink}>
          Matches of this search
        </Link>
      </PageHeading>
      <div className="run-summary" aria-live="polite">
        <RunStatusBadge status={run.status} />
        <span>
          {running
            ? `Scraping page ${Math.max(run.pagesScraped, 1)} of at most ${run.maxPages}…`
            : describeStopReason(run.stopReason)}
        </span>
      </div>
      {running ? (
        <div className="progress">
          <label htmlFor="run-progress">Pages scraped</label>
          <progress id="run-progress" max={run.maxPages} value={Math.min(run.pagesScraped, run.maxPages)}>
            {run.pagesScraped} of {run.maxPages}
          </progress>
        </div>
      ) : null}
      {run.error ? (
        <p className="notice notice-error">
          <strong>Error:</strong> {run.error}
        </p>
      ) : null}
      <div className="metrics">
        <Metric
          title="Pages"
          main={`${formatCount(run.pagesScraped)} scraped`}
          rows={[['saved by the early exit', formatCount(run.pagesSaved)]]}
        />
        <Metric
          title="Postings"
          main={`${formatCount(run.postingsSeen)} seen`}
          rows={[
            ['new', formatCount(run.postingsNew)],
            ['duplicate', formatCount(run.postingsDuplicate)],
            ['reused from another term', formatCount(run.postingsReused)],
            ['duplicate rate', formatPercent(ratio(run.postingsDuplicate, run.postingsSeen))],
          ]}
        />
        <Metric
          title="LLM calls"
          main={`${formatCount(run.llmCalls)} made`}
          rows={[
            ['saved', formatCount(run.llmSaved)],
            ['failed', formatCount(run.llmFailed)],
            ['tokens in / out', `${formatCount(run.tokensIn)} / ${formatCount(run.tokensOut)}`],
          ]}
        />
        <Metric title="Cost" main={formatUsd(run.costUsd)} rows={[['saved', formatUsd(run.costSavedUsd)]]} />
      </div>
      <section className="card" aria-labelledby="run-facts-heading">
        <h2 id="run-facts-heading">Details</h2>
        <dl className="facts">
          <dt>Search term</dt>
          <dd>{run.searchTerm}</dd>
          <dt>CV version</dt>
          <dd>
            <code>{run.cvKey}</code>
          </dd>
          <dt>Job board</dt>
          <dd>{run.source}</dd>
          <dt>Matcher</dt>
          <dd>{[run.matcher, run.model].filter(Boolean).join(', ')}</dd>
          <dt>Max pages</dt>
          <dd>{run.maxPages}</dd>
          <dt>Started</dt>
          <dd>{formatTimestamp(run.startedAt)} UTC</dd>
          <dt>Finished</dt>
          <dd>{run.finishedAt ? `${formatTimestamp(run.finishedAt)} UTC` : '–'}</dd>
          <dt>Duration</dt>
          <dd>{formatDuration(run.durationMs)}</dd>
          <dt>Stop reason</dt>
          <dd>{running ? '–' : describeStopReason(run.stopReason)}</dd>
        </dl>
      </section>
    </>
  );
}

function Metric({ title, main, rows }: { title: string; main: string; rows: [string, string][] }) {
  return (
    <section className="metric card" aria-label={title}>
      <h2 className="metric-title">{title}</h2>
      <p className="metric-main">{main}</p>
      <dl className="metric-rows">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
