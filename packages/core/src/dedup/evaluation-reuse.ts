import type { Store } from '../store/store.js';
import type { MatchDetail } from '../store/types.js';

/** Which earlier evaluations a run may copy instead of asking its matcher. */
export interface ReusePolicy {
  matcher: string;
  model: string | null;
  /** Only copy evaluations made by this same matcher and model. */
  reevaluateOnModelChange: boolean;
}

/** Where a copied evaluation goes: the same posting and CV, under this run's search term. */
export interface ReuseTarget {
  url: string;
  searchTerm: string;
  runId: number;
}

/** A successful evaluation is reusable unless the policy asks for the run's own matcher and model. */
export function canReuse(previous: MatchDetail, policy: ReusePolicy): boolean {
  if (previous.evaluationStatus !== 'evaluated') return false;
  if (!policy.reevaluateOnModelChange) return true;
  return previous.matcher === policy.matcher && previous.model === policy.model;
}

/**
 * Evaluations of these postings for the same CV under any search term (the newest per posting,
 * one batch query) that the policy lets the run copy. A posting new for one term but already
 * evaluated for the CV under another costs no LLM call.
 */
export async function reusableEvaluations(
  store: Pick<Store, 'findReusableEvaluations'>,
  urls: readonly string[],
  cvKey: string,
  policy: ReusePolicy,
): Promise<Map<string, MatchDetail>> {
  const found = await store.findReusableEvaluations(urls, cvKey);
  for (const [url, previous] of found) if (!canReuse(previous, policy)) found.delete(url);
  return found;
}

/** Stores a copy of the evaluation for the run's search term, replacing a failed one there. */
export async function copyEvaluation(
  store: Pick<Store, 'insertMatch'>,
  previous: MatchDetail,
  target: ReuseTarget,
): Promise<void> {
  await store.insertMatch(
    {
      ...previous,
      jobUrl: target.url,
      searchTerm: target.searchTerm,
      scrapedData: previous.scrapedData,
      scrapedAt: previous.scrapedAt ?? undefined,
      matchedAt: undefined,
      runId: target.runId,
    },
    { onDuplicate: 'update' },
  );
}
