import { useCallback, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { PageHeading } from '../components/PageHeading';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { csvFileName, downloadText, matchesToCsv } from '../lib/csv';
import { fetchAllMatches, MAX_EXPORT_ROWS } from '../lib/export-matches';
import { beginVisit, browserVisitStorage, isNewSince, markAllSeen } from '../lib/last-visit';
import {
  activeFilterCount,
  DEFAULT_FILTERS,
  filtersToParams,
  parseFilters,
  toMatchQuery,
  type MatchFilters,
} from '../lib/match-filters';
import { useResource } from '../lib/use-resource';
import { MatchesTable } from './MatchesTable';
import { MatchFiltersForm } from './MatchFiltersForm';
import { ResultsToolbar } from './ResultsToolbar';

/** Cursors of the pages before this one ('' = the first page), kept in the history entry. */
interface PagingState {
  previous?: string[];
}

export function MatchesView() {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { filters, cursor } = useMemo(() => parseFilters(params), [params]);
  const [filtersOpen, setFiltersOpen] = useState(false);
  // Read once per mount: the baseline of this tab's visit (see lib/last-visit.ts).
  const [newSince, setNewSince] = useState<Date | null>(() => beginVisit(browserVisitStorage()));
  const [exporting, setExporting] = useState<{ state: 'idle' | 'running' } | { state: 'done' | 'error'; text: string }>(
    { state: 'idle' },
  );
  const previous = ((location.state as PagingState | null)?.previous ?? []).filter((c) => typeof c === 'string');

  const query = toMatchQuery(filters, cursor);
  const queryKey = JSON.stringify(query);
  const page = useResource(queryKey, (signal) => api.matches(query, signal));
  const terms = useResource('terms', (signal) => api.searchTerms(signal));
  const cvs = useResource('cvs', (signal) => api.cvVersions(signal));

  const go = useCallback(
    (next: MatchFilters, nextCursor: string, state: PagingState, replace: boolean) => {
      const search = filtersToParams(next, nextCursor).toString();
      navigate({ pathname: '/', search: search ? `?${search}` : '' }, { replace, state });
    },
    [navigate],
  );
  // Any filter change starts again at page 1; typing replaces the history entry instead of adding one per pause.
  const changeFilters = useCallback(
    (change: Partial<MatchFilters>) =>
      go({ ...filters, ...change }, '', {}, 'q' in change || 'location' in change || 'minScore' in change),
    [filters, go],
  );
  const reset = () => go(DEFAULT_FILTERS, '', {}, false);
  const nextPage = (nextCursor: string) => go(filters, nextCursor, { previous: [...previous, cursor] }, false);
  const previousPage = () => go(filters, previous.at(-1) ?? '', { previous: previous.slice(0, -1) }, false);

  const items = page.data?.items ?? [];
  const pageNumber = cursor ? (previous.length > 0 ? previous.length + 1 : null) : 1;
  // An empty page is explained once the catalog says whether the database holds anything at all.
  const catalogKnown = terms.state !== 'loading' && cvs.state !== 'loading';
  const databaseEmpty =
    terms.state === 'ready' && terms.data.items.length === 0 && cvs.state === 'ready' && cvs.data.items.length === 0;

  const newCount = items.filter((m) => isNewSince(m.matchedAt, newSince)).length;

  // The export holds every row of the list for these filters, not only this page.
  const exportCsv = async () => {
    setExporting({ state: 'running' });
    try {
      const all = await fetchAllMatches((q) => api.matches(q), toMatchQuery(filters));
      downloadText(csvFileName(filters.searchTerm), matchesToCsv(all.items));
      setExporting({
        state: 'done',
        text: all.truncated
          ? `Exported the first ${MAX_EXPORT_ROWS} postings; narrow the filters to export the rest.`
          : `Exported ${all.items.length} ${all.items.length === 1 ? 'posting' : 'postings'}.`,
      });
    } catch (error) {
      setExporting({ state: 'error', text: `The export failed: ${(error as Error).message}` });
    }
  };

  return (
    <>
      <PageHeading title="Matches">
        <button
          type="button"
          className="button"
          onClick={exportCsv}
          disabled={items.length === 0 || exporting.state === 'running'}
        >
          {exporting.state === 'running' ? 'Exporting…' : 'Export CSV'}
        </button>
      </PageHeading>
      {exporting.state === 'done' || exporting.state === 'error' ? (
        <p className={exporting.state === 'error' ? 'notice' : 'muted'} role="status">
          {exporting.text}
        </p>
      ) : null}
      <button
        type="button"
        className="button filters-toggle"
        aria-expanded={filtersOpen}
        aria-controls="match-filters"
        onClick={() => setFiltersOpen((open) => !open)}
      >
        {filtersOpen ? 'Hide filters' : 'Show filters'}
        {activeFilterCount(filters) > 0 ? ` (${activeFilterCount(filters)} active)` : ''}
      </button>
      <MatchFiltersForm
        id="match-filters"
        collapsed={!filtersOpen}
        filters={filters}
        searchTerms={terms.data?.items ?? []}
        cvVersions={cvs.data?.items ?? []}
        onChange={changeFilters}
        onReset={reset}
      />
      <section aria-labelledby="results-heading" className="results" aria-busy={page.state === 'loading'}>
        <h2 id="results-heading" className="visually-hidden">
          Results
        </h2>
        <div className="results-bar">
          <p className="muted" aria-live="polite">
            {page.state === 'ready' && items.length > 0
              ? `${pageNumber ? `Page ${pageNumber}` : 'A later page'} · ${items.length} ${items.length === 1 ? 'posting' : 'postings'}${page.data.nextCursor ? ', more on the next page' : ''}`
              : page.state === 'loading'
                ? 'Loading matches…'
                : ''}
          </p>
          <ResultsToolbar sort={filters.sort} limit={filters.limit} onChange={changeFilters} />
        </div>
        {newCount > 0 ? (
          <div className="new-since">
            <p className="new-since-count">
              <span className="badge badge-new" aria-hidden="true">
                New
              </span>{' '}
              {newCount} new since your last visit <span className="muted">(on this page)</span>
            </p>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => setNewSince(markAllSeen(browserVisitStorage()))}
            >
              Mark all as seen
            </button>
          </div>
        ) : null}
        {page.state === 'error' ? (
          <ErrorState error={page.error} onRetry={page.reload} title="Could not load the matches" />
        ) : (page.state === 'loading' && !page.data) || (items.length === 0 && !catalogKnown) ? (
          <Loading label="Loading matches…" />
        ) : items.length === 0 && page.state === 'ready' ? (
          databaseEmpty ? (
            <EmptyDatabase />
          ) : (
            <EmptyState title="No matches for these filters">
              <p>
                {filters.minScore > 0 ? `Only matches scored ${filters.minScore}/10 or more are shown. ` : ''}
                Widen the filters or reset them.
              </p>
              <button type="button" className="button" onClick={reset}>
                Reset filters
              </button>
            </EmptyState>
          )
        ) : (
          <MatchesTable
            matches={items}
            sort={filters.sort}
            onSort={(sort) => changeFilters({ sort })}
            newSince={newSince}
          />
        )}
        {cursor || page.data?.nextCursor ? (
          <nav className="pager" aria-label="Pages of matches">
            <button type="button" className="button" onClick={previousPage} disabled={!cursor}>
              ← Previous
            </button>
            <button
              type="button"
              className="button"
              onClick={() => page.data?.nextCursor && nextPage(page.data.nextCursor)}
              disabled={page.state !== 'ready' || !page.data.nextCursor}
            >
              Next →
            </button>
          </nav>
        ) : null}
      </section>
    </>
  );
}

function EmptyDatabase() {
  return (
    <EmptyState title="No matches yet">
      <p>The database holds no evaluations. Fill it in one of two ways:</p>
      <ol className="steps">
        <li>
          <strong>Import the legacy JSON files</strong> of an earlier installation:
          <pre>
            <code>{'pnpm exec jobsearch-migrate init\npnpm exec jobsearch-migrate migrate --dir job_matches'}</code>
          </pre>
        </li>
        <li>
          <strong>Run a search</strong> from the <Link to="/runs">Runs</Link> page (with an API token), or on the
          command line:
          <pre>
            <code>pnpm exec jobsearch-api search --search-term IT --cv path/to/cv.pdf</code>
          </pre>
        </li>
      </ol>
      <p className="muted">Matches appear here as soon as they are stored.</p>
    </EmptyState>
  );
}
