import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import { errorMessage, isJobSearchError, JobSearchError } from '../errors.js';
import { silentLogger } from '../logger.js';
import { describeLifecycle, modelLifecycle } from '../matchers/model-table.js';
import type { ResultsPage } from '../sources/types.js';
import type { RunCounters, RunRecord, RunStatus } from '../store/types.js';
import { tryNormalizeJobUrl } from '../url/normalize-job-url.js';
import {
  canReuse,
  evaluatePosting,
  reuseEvaluation,
  type EvaluationContext,
  type PostingToEvaluate,
} from './evaluate-posting.js';
import { addSavedEvaluations, emptyCounters } from './run-counters.js';
import type { RunProgressEvent, RunSearchOptions, StartedSearch, StopReason } from './types.js';

const DEFAULT_MAX_PAGES = 10;
const DEFAULT_CONCURRENCY = 4;

/** Creates the run row and starts the search; `done` settles when it ends (it never rejects). */
export async function startSearch(options: RunSearchOptions): Promise<StartedSearch> {
  checkModelLifecycle(options);
  const run = await options.store.createRun({
    searchTerm: options.searchTerm,
    cvKey: options.cv.cvKey,
    source: options.source.name,
    matcher: options.matcher.name,
    model: options.matcher.model,
    maxPages: options.maxPages ?? DEFAULT_MAX_PAGES,
  });
  return { run, done: executeRun(run, options) };
}

/**
 * A model past its announced shutdown would fail every evaluation: refuse the search before it
 * starts, naming the replacement. Within the warning window, the search runs and says so.
 */
function checkModelLifecycle(options: RunSearchOptions): void {
  const { matcher } = options;
  if (!matcher.usesLlm || matcher.model === null) return;
  const lifecycle = modelLifecycle(matcher.model, options.now?.() ?? new Date());
  const logger = options.logger ?? silentLogger();
  if (lifecycle.state === 'unknown' && matcher.estimatedCostPerEvaluation() === 0) {
    logger.warn(
      { model: matcher.model },
      `The model ${matcher.model} has no price in the model table: its calls are recorded at cost 0. Name a JSON file of its prices in OPENAI_PRICES to count them.`,
    );
  }
  const message = describeLifecycle(lifecycle);
  if (message === undefined) return;
  if (lifecycle.state === 'retired') throw new JobSearchError('INVALID_INPUT', message);
  logger.warn({ model: matcher.model, searchTerm: options.searchTerm }, message);
}

/** Runs one search to its end and returns the finished run with its counters. */
export async function runSearch(options: RunSearchOptions): Promise<RunRecord> {
  return (await startSearch(options)).done;
}

interface PageOutcome {
  stop?: StopReason;
  failure?: string;
}

/**
 * Per results page: fetch, normalise, drop postings already seen in this run, one batch dedup
 * query, a scrape_history row, then evaluate the new postings with bounded concurrency. Stops
 * early at the first page with nothing new (the legacy rule), at an empty page, and on a block
 * page or a repeated page, which are never mistaken for "all duplicates".
 */
async function executeRun(run: RunRecord, options: RunSearchOptions): Promise<RunRecord> {
  const { store, searchTerm, cv, source, matcher } = options;
  const logger = (options.logger ?? silentLogger()).child({ runId: run.id, searchTerm });
  const maxPages = run.maxPages;
  const earlyExitAfter = Math.max(1, options.earlyExitAfter ?? 1);
  const counters = emptyCounters();
  const controller = new AbortController();
  // Every in-flight HTTP request and LLM call listens on it; concurrency decides how many.
  setMaxListeners(0, controller.signal);
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) controller.abort(options.signal.reason);
  const emit = (event: RunProgressEvent) => {
    try {
      options.onProgress?.(event);
    } catch (error) {
      logger.warn({ error: errorMessage(error) }, 'progress listener failed');
    }
  };
  let budgetLeft = options.llmCallBudget ?? Number.POSITIVE_INFINITY;
  const ctx: EvaluationContext = {
    store,
    source,
    matcher,
    cv,
    searchTerm,
    runId: run.id,
    counters,
    logger,
    signal: controller.signal,
    reevaluateOnModelChange: options.reevaluateOnModelChange ?? false,
    takeBudget: () => budgetLeft-- > 0,
  };
  const limit = pLimit(Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY));
  const seenInRun = new Set<string>();
  let previousPage: string | null = null;
  let allDuplicatePages = 0;
  let stopReason: StopReason = 'max_pages';
  let failure: string | null = null;
  emit({ type: 'started', run });
  logger.info({ maxPages, matcher: matcher.name }, 'search started');

  try {
    for (let pageNumber = 1; pageNumber <= maxPages; pageNumber++) {
      if (controller.signal.aborted) {
        stopReason = 'cancelled';
        break;
      }
      const outcome = await scrapePage(pageNumber);
      if (outcome.stop) {
        stopReason = outcome.stop;
        failure = outcome.failure ?? null;
        break;
      }
    }
  } catch (error) {
    if (controller.signal.aborted || isJobSearchError(error, 'CANCELLED')) {
      stopReason = 'cancelled';
    } else {
      stopReason = 'error';
      failure = errorMessage(error);
      logger.error({ error: failure }, 'search failed');
      await recordFailureEvent(error);
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }

  if (stopReason === 'cancelled' && isInterruption(controller.signal.reason)) stopReason = 'interrupted';
  // What the legacy pipeline would still have scraped and evaluated after an early stop.
  if (stopReason === 'early_exit' || stopReason === 'budget_exhausted') {
    counters.pagesSaved = maxPages - counters.pagesScraped;
  }
  const status = statusOf(stopReason, counters);
  let finished: RunRecord;
  try {
    finished = await store.finishRun(run.id, { status, stopReason, error: failure, counters });
  } catch (error) {
    logger.error({ error: errorMessage(error) }, 'could not record the end of the run');
    finished = {
      ...run,
      ...counters,
      status,
      stopReason,
      error: failure ?? errorMessage(error),
      finishedAt: new Date().toISOString(),
      durationMs: null,
    };
  }
  logger.info({ status, stopReason, ...counters }, 'search finished');
  emit({ type: 'finished', run: finished });
  return finished;

  async function scrapePage(pageNumber: number): Promise<PageOutcome> {
    const started = performance.now();
    let page: ResultsPage;
    try {
      page = await source.fetchPage(searchTerm, pageNumber, { signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted || isJobSearchError(error, 'CANCELLED')) return { stop: 'cancelled' };
      await recordFailureEvent(error, 'scrape_error');
      return { stop: 'source_error', failure: errorMessage(error) };
    }
    counters.pagesScraped++;
    const seconds = (performance.now() - started) / 1000;
    const postings = new Map<
      string,
      PostingToEvaluate & {
        title: string;
        company?: string;
        location?: string;
        postingDate?: string;
        salaryRange?: string;
      }
    >();
    for (const summary of page.postings) {
      const url = tryNormalizeJobUrl(summary.url);
      if (url && !postings.has(url)) postings.set(url, { ...summary, url, boardUrl: summary.url });
    }
    const urls = [...postings.keys()];
    const pageKey = urls.join('\n');
    const record = (status: string, found: number, fresh: number, duplicate: number) =>
      store.recordScrapePage({
        searchTerm,
        pageNumber,
        jobsFound: found,
        newJobs: fresh,
        duplicateJobs: duplicate,
        durationSeconds: seconds,
        runId: run.id,
        cvKey: cv.cvKey,
        pageStatus: status,
      });

    if (page.status === 'blocked') {
      await record('blocked', 0, 0, 0);
      return {
        stop: 'blocked',
        failure: `The job board answered page ${pageNumber} with a block page instead of results.`,
      };
    }
    if (page.status === 'empty' || urls.length === 0) {
      await record('empty', 0, 0, 0);
      return { stop: 'end_of_results' };
    }
    if (pageKey === previousPage) {
      // Some boards repeat their last page for out-of-range page numbers: that is the end, not duplicates.
      await record('repeated', urls.length, 0, urls.length);
      return { stop: 'repeated_page' };
    }
    previousPage = pageKey;

    // Postings shift down while new ones appear on top: one seen on an earlier page is not new again.
    const candidates = urls.filter((url) => !seenInRun.has(url));
    for (const url of urls) seenInRun.add(url);
    const fresh = await store.findNewPostings(candidates, searchTerm, cv.cvKey);
    const duplicates = urls.length - fresh.length;
    counters.postingsSeen += urls.length;
    counters.postingsNew += fresh.length;
    counters.postingsDuplicate += duplicates;
    addSavedEvaluations(counters, duplicates, matcher.estimatedCostPerEvaluation());
    await record('ok', urls.length, fresh.length, duplicates);
    await store.upsertPostings(
      urls.map((url) => {
        const p = postings.get(url)!;
        return {
          url,
          title: p.title || null,
          companyName: p.company ?? null,
          location: p.location ?? null,
          postingDate: p.postingDate ?? null,
          salaryRange: p.salaryRange ?? null,
          source: source.name,
        };
      }),
    );
    emit({
      type: 'page',
      page: pageNumber,
      found: urls.length,
      new: fresh.length,
      duplicate: duplicates,
      status: page.status,
      counters: { ...counters },
    });

    const budgetStop = await evaluateAll(fresh.map((url) => postings.get(url)!));
    await store.updateRunCounters(run.id, counters);
    if (budgetStop) return { stop: 'budget_exhausted' };
    if (controller.signal.aborted) return { stop: 'cancelled' };

    allDuplicatePages = fresh.length === 0 ? allDuplicatePages + 1 : 0;
    if (allDuplicatePages >= earlyExitAfter) return { stop: 'early_exit' };
    return {};
  }

  /** Evaluates (or reuses) the new postings of one page; true when the LLM budget ran out. */
  async function evaluateAll(fresh: PostingToEvaluate[]): Promise<boolean> {
    if (fresh.length === 0) return false;
    const urls = fresh.map((p) => p.url);
    const [reusable, known] = await Promise.all([
      store.findReusableEvaluations(urls, cv.cvKey),
      store.getPostings(urls),
    ]);
    let exhausted = false;
    await Promise.all(
      fresh.map((posting) =>
        limit(async () => {
          if (controller.signal.aborted || exhausted) return;
          const previous = reusable.get(posting.url);
          if (previous && canReuse(ctx, previous)) {
            await reuseEvaluation(ctx, posting, previous);
            emit({
              type: 'evaluated',
              url: posting.url,
              outcome: 'reused',
              score: previous.overallMatch,
              counters: { ...counters },
            });
            return;
          }
          try {
            const { outcome, score } = await evaluatePosting(ctx, posting, known.get(posting.url));
            if (outcome === 'budget_exhausted') {
              exhausted = true;
              return;
            }
            emit({ type: 'evaluated', url: posting.url, outcome, score, counters: { ...counters } });
          } catch (error) {
            if (controller.signal.aborted || isJobSearchError(error, 'CANCELLED')) return;
            throw error;
          }
        }),
      ),
    );
    return exhausted;
  }

  async function recordFailureEvent(error: unknown, kind?: string): Promise<void> {
    const code = isJobSearchError(error) ? error.code : 'INTERNAL';
    const eventKind =
      kind ?? (code === 'DB_LOCKED' ? 'db_locked' : code === 'DUPLICATE_KEY' ? 'duplicate_key' : 'pipeline_error');
    await store
      .recordEvent({
        kind: eventKind,
        severity: 'error',
        component: 'pipeline',
        message: errorMessage(error),
        runId: run.id,
      })
      .catch(() => undefined);
  }
}

function statusOf(stop: StopReason, counters: RunCounters): Exclude<RunStatus, 'running'> {
  switch (stop) {
    case 'cancelled':
      return 'cancelled';
    case 'interrupted':
      return 'interrupted';
    case 'error':
    case 'blocked':
      return 'failed';
    case 'source_error':
      // The first page failing means nothing was searched; a later page failing ends a partial run.
      return counters.pagesScraped === 0 ? 'failed' : 'completed';
    default:
      return 'completed';
  }
}

function isInterruption(reason: unknown): boolean {
  return isJobSearchError(reason) && reason.details?.interrupted === true;
}
