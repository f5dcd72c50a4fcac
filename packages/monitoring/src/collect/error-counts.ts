import type { CollectContext, ErrorsSection } from './types.js';
import { isoHoursBefore, percent } from './window-math.js';

/**
 * Errors of the last hour by kind, from `app_events` (warnings and errors of every process:
 * db_locked, duplicate_key, scrape_error, llm_error, …) and failed `llm_usage` rows. A failed
 * evaluation leaves both an llm_error event and failed call rows, so `llm_error` counts the larger
 * of the two rather than their sum. The error rate divides by the hour's LLM calls and results pages.
 */
export async function collectErrorCounts({ store, now }: CollectContext): Promise<ErrorsSection> {
  const activity = await store.errorActivity(isoHoursBefore(now, 1));
  const byKind: Record<string, number> = { ...activity.eventsByKind };
  if (activity.llmFailedCalls > (byKind.llm_error ?? 0)) byKind.llm_error = activity.llmFailedCalls;
  const total = Object.values(byKind).reduce((sum, n) => sum + n, 0);
  const operations = activity.llmCalls + activity.scrapePages;
  return { windowHours: 1, total, byKind, operations, errorPercent: percent(total, operations) };
}
