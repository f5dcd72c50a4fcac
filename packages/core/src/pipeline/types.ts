import type { Logger } from 'pino';
import type { DedupStopReason } from '../dedup/page-observation.js';
import type { ServiceTier } from '../matchers/prices.js';
import type { CvForMatch, Matcher } from '../matchers/types.js';
import type { JobSource } from '../sources/types.js';
import type { Store } from '../store/store.js';
import type { RunCounters, RunRecord } from '../store/types.js';

/** Why a run stopped: a dedup rule (early exit and its guards), or one of the pipeline's own. */
export type StopReason =
  | DedupStopReason
  | 'max_pages'
  | 'budget_exhausted' // the per-run LLM call budget ran out
  | 'cancelled'
  | 'interrupted' // aborted because the process is shutting down (reason with details.interrupted)
  | 'source_error'
  | 'error';

export interface RunSearchOptions {
  store: Store;
  searchTerm: string;
  /** From `prepareCv()`: key, text and summary. */
  cv: CvForMatch;
  source: JobSource;
  matcher: Matcher;
  /** Default 10, as the legacy system. */
  maxPages?: number;
  /**
   * A running run of the same (search term, CV) with no heartbeat for this long is marked failed
   * (stale) before this one claims the pair; without it, any running run refuses the start.
   */
  staleRunAfterMs?: number;
  /** Stop after this many consecutive all-duplicate pages (default 1, the legacy rule). */
  earlyExitAfter?: number;
  /** Concurrent evaluations (default 4). */
  concurrency?: number;
  /** Most LLM calls this run may make; the run stops cleanly when it is used up. */
  llmCallBudget?: number;
  /** Re-evaluate a posting evaluated for the same CV under another term by another matcher/model. */
  reevaluateOnModelChange?: boolean;
  /** Aborting cancels the run; a reason that is a JobSearchError with `details.interrupted` marks it interrupted (shutdown). */
  signal?: AbortSignal;
  logger?: Logger;
  /** The LLM processing tier for this run's evaluations; the matcher's own setting when absent. */
  serviceTier?: ServiceTier;
  /** Today, for the model's shutdown check (tests pin it). */
  now?: () => Date;
  onProgress?: (event: RunProgressEvent) => void;
}

export type RunProgressEvent =
  | { type: 'started'; run: RunRecord }
  | { type: 'page'; page: number; found: number; new: number; duplicate: number; status: string; counters: RunCounters }
  | {
      type: 'evaluated';
      url: string;
      outcome: 'evaluated' | 'reused' | 'failed';
      score: number | null;
      counters: RunCounters;
    }
  | { type: 'finished'; run: RunRecord };

export interface StartedSearch {
  /** The run row, already created with status 'running'. */
  run: RunRecord;
  /** Settles with the finished run; never rejects (failures end the run as 'failed'). */
  done: Promise<RunRecord>;
}
