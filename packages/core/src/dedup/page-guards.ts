import type { Continue, DedupStopReason, EarlyExitState, PageObservation } from './page-observation.js';

/** A page that ends the run before its dedup check; `pageStatus` is its scrape_history label. */
export interface GuardStop {
  readonly stop: true;
  readonly reason: Exclude<DedupStopReason, 'early_exit'>;
  readonly pageStatus: 'blocked' | 'empty' | 'repeated';
  /** Set when the run failed because of the page. */
  readonly failure?: string;
}

export type GuardDecision = Continue | GuardStop;

/** Two pages with the same postings in the same order are the same page. */
export function pageFingerprint(urls: readonly string[]): string {
  return urls.join('\n');
}

/**
 * The guards that run before a page's dedup check, so that a page which is not a fresh list of
 * postings never reads as "all duplicates": a block page (status 200, no results) fails the run;
 * a page without postings is the end of the results; a page identical to the previous one is a
 * board clamping out-of-range page numbers to its last page, which is also the end.
 */
export function checkPage(page: PageObservation, state: EarlyExitState): GuardDecision {
  if (page.status === 'blocked') {
    return {
      stop: true,
      reason: 'blocked',
      pageStatus: 'blocked',
      failure: `The job board answered page ${page.pageNumber} with a block page instead of results.`,
    };
  }
  if (page.status === 'empty' || page.urls.length === 0) {
    return { stop: true, reason: 'end_of_results', pageStatus: 'empty' };
  }
  const fingerprint = pageFingerprint(page.urls);
  if (fingerprint === state.lastPage) return { stop: true, reason: 'repeated_page', pageStatus: 'repeated' };
  return { stop: false, state: { ...state, lastPage: fingerprint } };
}
