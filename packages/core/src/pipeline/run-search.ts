import { startOfRun } from '../dedup/page-observation.js';
import { silentLogger } from '../logger.js';
import { checkModelReadiness } from '../matchers/model-readiness.js';
import type { RunRecord } from '../store/types.js';
import { endOnError, endRun, finishRun, type RunEnd } from './finish-run.js';
import { openRunSession } from './run-session.js';
import { searchPage } from './search-page.js';
import type { RunSearchOptions, StartedSearch } from './types.js';

const DEFAULT_MAX_PAGES = 10;

/** Creates the run row and starts the search; `done` settles when it ends (it never rejects). */
export async function startSearch(options: RunSearchOptions): Promise<StartedSearch> {
  checkModelReadiness({
    matcher: options.matcher,
    serviceTier: options.serviceTier,
    now: options.now?.() ?? new Date(),
    logger: options.logger ?? silentLogger(),
    searchTerm: options.searchTerm,
  });
  const run = await options.store.createRun(
    {
      searchTerm: options.searchTerm,
      cvKey: options.cv.cvKey,
      source: options.source.name,
      matcher: options.matcher.name,
      model: options.matcher.model,
      maxPages: options.maxPages ?? DEFAULT_MAX_PAGES,
    },
    options.staleRunAfterMs === undefined
      ? {}
      : { staleBefore: new Date(Date.now() - options.staleRunAfterMs).toISOString() },
  );
  return { run, done: executeRun(run, options) };
}

/** Runs one search to its end and returns the finished run with its counters. */
export async function runSearch(options: RunSearchOptions): Promise<RunRecord> {
  return (await startSearch(options)).done;
}

/**
 * Pages through the results until a dedup rule (`../dedup`), the LLM budget, an error, a
 * cancellation or the page limit ends the run, then records how it ended.
 */
async function executeRun(run: RunRecord, options: RunSearchOptions): Promise<RunRecord> {
  const session = openRunSession(run, options);
  session.emit({ type: 'started', run });
  session.logger.info({ maxPages: run.maxPages, matcher: options.matcher.name }, 'search started');
  let state = startOfRun();
  let end: RunEnd = endRun('max_pages');
  try {
    for (let pageNumber = 1; pageNumber <= run.maxPages; pageNumber++) {
      if (session.signal.aborted) {
        end = endRun('cancelled');
        break;
      }
      const step = await searchPage(session, pageNumber, state);
      if (step.stop) {
        end = step;
        break;
      }
      state = step.state;
    }
  } catch (error) {
    end = await endOnError(session, error);
  } finally {
    session.close();
  }
  return finishRun(session, end);
}
