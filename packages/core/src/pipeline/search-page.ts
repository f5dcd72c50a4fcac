import { decideEarlyExit } from '../dedup/early-exit.js';
import { findNewOnPage } from '../dedup/find-new-postings.js';
import { checkPage } from '../dedup/page-guards.js';
import type { Continue, EarlyExitState } from '../dedup/page-observation.js';
import { errorMessage, isJobSearchError } from '../errors.js';
import type { JobPostingSummary, ResultsPage } from '../sources/types.js';
import { tryNormalizeJobUrl } from '../url/normalize-job-url.js';
import type { PostingToEvaluate } from './evaluate-posting.js';
import { evaluateNewPostings } from './evaluate-new-postings.js';
import { endRun, recordFailureEvent, type RunEnd } from './finish-run.js';
import { addSavedEvaluations } from './run-counters.js';
import type { RunSession } from './run-session.js';

/** After a page: go on with the dedup rules' state, or end the run. */
export type PageStep = Continue | RunEnd;

type PagePosting = PostingToEvaluate & Omit<JobPostingSummary, 'url'>;

interface PageCounts {
  found: number;
  fresh: number;
  duplicates: number;
}

/**
 * One results page: fetch, normalise, the guards, one batch dedup check, a scrape_history row
 * and the postings' upsert, then the new postings' evaluations, then the early-exit rule.
 */
export async function searchPage(session: RunSession, pageNumber: number, state: EarlyExitState): Promise<PageStep> {
  const started = performance.now();
  const fetched = await fetchResultsPage(session, pageNumber);
  if ('stop' in fetched) return fetched;
  session.counters.pagesScraped++;
  const seconds = (performance.now() - started) / 1000;
  const postings = postingsByUrl(fetched);
  const urls = [...postings.keys()];
  const guard = checkPage({ pageNumber, status: fetched.status, urls }, state);
  if (guard.stop) {
    // A repeated page is all known postings; a blocked or empty one has none to count.
    const found = guard.pageStatus === 'repeated' ? urls.length : 0;
    await recordPage(session, pageNumber, seconds, guard.pageStatus, { found, fresh: 0, duplicates: found });
    return endRun(guard.reason, guard.failure);
  }

  const { options, store, counters } = session;
  const { fresh, duplicates } = await findNewOnPage(
    store,
    urls,
    { searchTerm: options.searchTerm, cvKey: options.cv.cvKey },
    session.seenInRun,
  );
  counters.postingsSeen += urls.length;
  counters.postingsNew += fresh.length;
  counters.postingsDuplicate += duplicates;
  addSavedEvaluations(counters, duplicates, options.matcher.estimatedCostPerEvaluation());
  await recordPage(session, pageNumber, seconds, 'ok', { found: urls.length, fresh: fresh.length, duplicates });
  await rememberPostings(session, postings);
  session.emit({
    type: 'page',
    page: pageNumber,
    found: urls.length,
    new: fresh.length,
    duplicate: duplicates,
    status: fetched.status,
    counters: { ...counters },
  });

  const budgetExhausted = await evaluateNewPostings(
    session,
    fresh.map((url) => postings.get(url)!),
  );
  await store.updateRunCounters(session.run.id, counters);
  if (budgetExhausted) return endRun('budget_exhausted');
  if (session.signal.aborted) return endRun('cancelled');
  const decision = decideEarlyExit(guard.state, { found: urls.length, fresh: fresh.length }, session.earlyExitAfter);
  return decision.stop ? endRun(decision.reason) : decision;
}

/** The page, or the run's end when the board could not be read. */
async function fetchResultsPage(session: RunSession, pageNumber: number): Promise<ResultsPage | RunEnd> {
  try {
    return await session.options.source.fetchPage(session.options.searchTerm, pageNumber, { signal: session.signal });
  } catch (error) {
    if (session.signal.aborted || isJobSearchError(error, 'CANCELLED')) return endRun('cancelled');
    await recordFailureEvent(session, error, 'scrape_error');
    return endRun('source_error', errorMessage(error));
  }
}

/** The page's postings by canonical URL, first occurrence kept; links that do not normalise are dropped. */
function postingsByUrl(page: ResultsPage): Map<string, PagePosting> {
  const postings = new Map<string, PagePosting>();
  for (const summary of page.postings) {
    const url = tryNormalizeJobUrl(summary.url);
    if (url && !postings.has(url)) postings.set(url, { ...summary, url, boardUrl: summary.url });
  }
  return postings;
}

/** Keeps what the results page says of each posting, for the evaluations and the dashboard. */
function rememberPostings(session: RunSession, postings: ReadonlyMap<string, PagePosting>): Promise<void> {
  return session.store.upsertPostings(
    [...postings.values()].map((p) => ({
      url: p.url,
      title: p.title || null,
      companyName: p.company ?? null,
      location: p.location ?? null,
      postingDate: p.postingDate ?? null,
      salaryRange: p.salaryRange ?? null,
      source: session.options.source.name,
    })),
  );
}

function recordPage(
  session: RunSession,
  pageNumber: number,
  durationSeconds: number,
  pageStatus: string,
  counts: PageCounts,
): Promise<void> {
  const { options, run } = session;
  return session.store.recordScrapePage({
    searchTerm: options.searchTerm,
    pageNumber,
    jobsFound: counts.found,
    newJobs: counts.fresh,
    duplicateJobs: counts.duplicates,
    durationSeconds,
    runId: run.id,
    cvKey: options.cv.cvKey,
    pageStatus,
  });
}
