import type { Continue, EarlyExitState } from './page-observation.js';

/** What the dedup check found on a page that passed the guards. */
export interface PageDedupCounts {
  /** Postings on the page. */
  found: number;
  /** Of them, new for (search term, CV). */
  fresh: number;
}

export interface EarlyExitStop {
  readonly stop: true;
  readonly reason: 'early_exit';
  /** The all-duplicate pages in a row that ended the run. */
  readonly allDuplicatePages: number;
}

export type EarlyExitDecision = Continue | EarlyExitStop;

/**
 * The legacy rule stops at the first page with postings and none new (listings are newest first,
 * so everything after it was seen before). A board that does not sort newest first can hide new
 * postings behind an all-duplicate page: `afterPages` > 1 waits for that many such pages in a row.
 * Anything below 1 means 1.
 */
export function earlyExitAfter(afterPages: number | undefined): number {
  return Math.max(1, afterPages ?? 1);
}

/** Applies the early-exit rule to a page after its dedup check. */
export function decideEarlyExit(state: EarlyExitState, page: PageDedupCounts, afterPages: number): EarlyExitDecision {
  const allDuplicates = page.fresh === 0 && page.found > 0;
  const streak = allDuplicates ? state.allDuplicateStreak + 1 : 0;
  if (streak >= earlyExitAfter(afterPages)) return { stop: true, reason: 'early_exit', allDuplicatePages: streak };
  return { stop: false, state: { ...state, allDuplicateStreak: streak } };
}
