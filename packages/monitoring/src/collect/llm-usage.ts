import type { CollectContext, LlmSection } from './types.js';
import { isoHoursBefore, percent } from './window-math.js';

/**
 * LLM calls, failures and cost from `llm_usage` (one row per call, from every process), calls and
 * cost saved from the run ledger, over the stats window; the error ratio over its rule's window.
 */
export async function collectLlmUsage({ store, now, config }: CollectContext): Promise<LlmSection> {
  const windowHours = config.statsWindowHours;
  const ratioWindowHours = config.rules.llmErrorRatio.windowHours;
  const since = isoHoursBefore(now, windowHours);
  const [window, ratio, runs] = await Promise.all([
    store.llmUsageTotals(since),
    store.llmUsageTotals(isoHoursBefore(now, ratioWindowHours)),
    store.dedupStats({ from: since }),
  ]);
  return {
    windowHours,
    calls: window.calls,
    failed: window.failed,
    callsSaved: runs.totals.llmSaved,
    costUsd: window.costUsd,
    costSavedUsd: runs.totals.costSavedUsd,
    ratioWindowHours,
    ratioCalls: ratio.calls,
    ratioFailed: ratio.failed,
    errorPercent: percent(ratio.failed, ratio.calls),
  };
}
