import { setMaxListeners } from 'node:events';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Logger } from 'pino';
import { earlyExitAfter } from '../dedup/early-exit.js';
import { errorMessage } from '../errors.js';
import { silentLogger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { RunCounters, RunRecord } from '../store/types.js';
import type { EvaluationContext } from './evaluate-posting.js';
import { emptyCounters } from './run-counters.js';
import type { RunProgressEvent, RunSearchOptions } from './types.js';

const DEFAULT_CONCURRENCY = 4;

/** Everything one run's pages share: its counters, its abort signal, its evaluation pool. */
export interface RunSession {
  readonly run: RunRecord;
  readonly options: RunSearchOptions;
  readonly store: Store;
  readonly logger: Logger;
  readonly counters: RunCounters;
  /** Every in-flight HTTP request and LLM call listens on it; the caller's signal aborts it. */
  readonly signal: AbortSignal;
  readonly evaluation: EvaluationContext;
  /** Bounds the evaluations in flight. */
  readonly limit: LimitFunction;
  /** All-duplicate pages in a row that end the run. */
  readonly earlyExitAfter: number;
  /** URLs seen on earlier pages of this run. */
  readonly seenInRun: Set<string>;
  /** Tells the caller's progress listener; a listener that throws is logged, never fatal. */
  emit(event: RunProgressEvent): void;
  /** Stops listening to the caller's signal. */
  close(): void;
}

export function openRunSession(run: RunRecord, options: RunSearchOptions): RunSession {
  const { store, searchTerm, cv, source, matcher } = options;
  const logger = (options.logger ?? silentLogger()).child({ runId: run.id, searchTerm });
  const counters = emptyCounters();
  const controller = new AbortController();
  // Concurrency, not this, decides how many requests are in flight.
  setMaxListeners(0, controller.signal);
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) controller.abort(options.signal.reason);
  let budgetLeft = options.llmCallBudget ?? Number.POSITIVE_INFINITY;
  return {
    run,
    options,
    store,
    logger,
    counters,
    signal: controller.signal,
    evaluation: {
      store,
      source,
      matcher,
      cv,
      searchTerm,
      runId: run.id,
      counters,
      logger,
      signal: controller.signal,
      serviceTier: options.serviceTier,
      takeBudget: () => budgetLeft-- > 0,
    },
    limit: pLimit(Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY)),
    earlyExitAfter: earlyExitAfter(options.earlyExitAfter),
    seenInRun: new Set<string>(),
    emit(event) {
      try {
        options.onProgress?.(event);
      } catch (error) {
        logger.warn({ error: errorMessage(error) }, 'progress listener failed');
      }
    },
    close() {
      options.signal?.removeEventListener('abort', onAbort);
    },
  };
}
