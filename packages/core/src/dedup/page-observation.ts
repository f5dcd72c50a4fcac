import type { ResultsPageStatus } from '../sources/types.js';

/** What a run saw on one results page, after URL normalisation: what the stop rules look at. */
export interface PageObservation {
  pageNumber: number;
  /** What the source made of the page. */
  status: ResultsPageStatus;
  /** The page's canonical posting URLs (the dedup keys), without repeats, in board order. */
  urls: readonly string[];
}

/** Why the dedup rules end a run; the pipeline adds its own reasons (max pages, budget, errors). */
export type DedupStopReason =
  | 'early_exit' // a page had postings but none new (K times in a row)
  | 'end_of_results' // an empty page
  | 'repeated_page' // the board repeated the previous page (out-of-range page numbers)
  | 'blocked'; // a block/captcha page served with status 200

/** What the rules remember from page to page; a run starts from `startOfRun()`. */
export interface EarlyExitState {
  /** The URLs of the last page that passed the guards: a clamped page repeats them. */
  readonly lastPage: string | null;
  /** Pages in a row that had postings and none new. */
  readonly allDuplicateStreak: number;
}

export function startOfRun(): EarlyExitState {
  return { lastPage: null, allDuplicateStreak: 0 };
}

/** Go on to the page's dedup check, or to the next page, with this state. */
export interface Continue {
  readonly stop: false;
  readonly state: EarlyExitState;
}
