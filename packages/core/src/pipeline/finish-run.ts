import { errorMessage, isJobSearchError } from '../errors.js';
import type { RunCounters, RunRecord, RunStatus } from '../store/types.js';
import type { RunSession } from './run-session.js';
import type { StopReason } from './types.js';

/** How a run ended: why, and what failed when that is the reason. */
export interface RunEnd {
  readonly stop: true;
  readonly reason: StopReason;
  readonly failure?: string;
}

export function endRun(reason: StopReason, failure?: string): RunEnd {
  return failure === undefined ? { stop: true, reason } : { stop: true, reason, failure };
}

/** An error that escaped a page: a cancellation, or a failure of the run recorded as an event. */
export async function endOnError(session: RunSession, error: unknown): Promise<RunEnd> {
  if (session.signal.aborted || isJobSearchError(error, 'CANCELLED')) return endRun('cancelled');
  const failure = errorMessage(error);
  session.logger.error({ error: failure }, 'search failed');
  await recordFailureEvent(session, error);
  return endRun('error', failure);
}

/** Records the run's end with its counters; a store failure here still returns the run. */
export async function finishRun(session: RunSession, end: RunEnd): Promise<RunRecord> {
  const { run, store, counters, logger } = session;
  const stopReason = end.reason === 'cancelled' && isInterruption(session.signal.reason) ? 'interrupted' : end.reason;
  const failure = end.failure ?? null;
  // What the legacy pipeline would still have scraped and evaluated after an early stop.
  if (stopReason === 'early_exit' || stopReason === 'budget_exhausted') {
    counters.pagesSaved = run.maxPages - counters.pagesScraped;
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
  session.emit({ type: 'finished', run: finished });
  return finished;
}

export async function recordFailureEvent(session: RunSession, error: unknown, kind?: string): Promise<void> {
  const code = isJobSearchError(error) ? error.code : 'INTERNAL';
  const eventKind =
    kind ?? (code === 'DB_LOCKED' ? 'db_locked' : code === 'DUPLICATE_KEY' ? 'duplicate_key' : 'pipeline_error');
  await session.store
    .recordEvent({
      kind: eventKind,
      severity: 'error',
      component: 'pipeline',
      message: errorMessage(error),
      runId: session.run.id,
    })
    .catch(() => undefined);
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
