import type { Store } from '../store/store.js';

/** What one posting is deduplicated against: its evaluations for this search term and CV. */
export interface DedupKey {
  searchTerm: string;
  cvKey: string;
}

export interface PageDedup {
  /** The page's new postings, in page order: the ones to evaluate. */
  fresh: string[];
  /** The page's other postings. */
  duplicates: number;
}

/**
 * Of a page's URLs, those not on an earlier page of this run; remembers all of them. Postings
 * shift down while new ones appear on top, so one seen on an earlier page is not new again.
 */
export function takeUnseen(urls: readonly string[], seenInRun: Set<string>): string[] {
  const unseen = urls.filter((url) => !seenInRun.has(url));
  for (const url of urls) seenInRun.add(url);
  return unseen;
}

/**
 * The page-level dedup check. A posting is new when no earlier page of this run showed it and
 * it has no successful evaluation for (search term, CV): a failed evaluation (a legacy score-0
 * row) counts as new so that it is retried, and an evaluation under another search term or for
 * another CV does not make it a duplicate (see `reusableEvaluations`). The stored evaluations are
 * asked in one batch query per page, `Store.findNewPostings`.
 */
export async function findNewOnPage(
  store: Pick<Store, 'findNewPostings'>,
  urls: readonly string[],
  key: DedupKey,
  seenInRun: Set<string>,
): Promise<PageDedup> {
  const fresh = await store.findNewPostings(takeUnseen(urls, seenInRun), key.searchTerm, key.cvKey);
  return { fresh, duplicates: urls.length - fresh.length };
}
