import type { CollectContext, LlmSection } from './types.js';
import { isoHoursBefore, num, percent } from './sql-helpers.js';

/**
 * LLM calls, failures and cost from `llm_usage` (one row per call, from every process), calls and
 * cost saved from the run ledger, over the stats window; the error ratio over its rule's window.
 */
export async function collectLlmUsage({ store, now, config }: CollectContext): Promise<LlmSection> {
  const windowHours = config.statsWindowHours;
  const ratioWindowHours = config.rules.llmErrorRatio.windowHours;
  const usage = (since: string) =>
    store.driver.query<Record<string, unknown>>(
      `SELECT COUNT(*) AS calls, SUM(CASE WHEN outcome <> 'ok' THEN 1 ELSE 0 END) AS failed, SUM(cost_usd) AS cost
       FROM llm_usage WHERE created_at >= ?`,
      [since],
    );
  const [window, ratio, saved] = await Promise.all([
    usage(isoHoursBefore(now, windowHours)),
    usage(isoHoursBefore(now, ratioWindowHours)),
    store.driver.query<Record<string, unknown>>(
      'SELECT SUM(llm_saved) AS calls_saved, SUM(cost_saved_usd) AS cost_saved FROM search_runs WHERE started_at >= ?',
      [isoHoursBefore(now, windowHours)],
    ),
  ]);
  const ratioCalls = num(ratio[0]?.calls);
  const ratioFailed = num(ratio[0]?.failed);
  return {
    windowHours,
    calls: num(window[0]?.calls),
    failed: num(window[0]?.failed),
    callsSaved: num(saved[0]?.calls_saved),
    costUsd: num(window[0]?.cost),
    costSavedUsd: num(saved[0]?.cost_saved),
    ratioWindowHours,
    ratioCalls,
    ratioFailed,
    errorPercent: percent(ratioFailed, ratioCalls),
  };
}
