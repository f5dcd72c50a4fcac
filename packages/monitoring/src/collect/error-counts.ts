import type { CollectContext, ErrorsSection } from './types.js';
import { isoHoursBefore, num, percent } from './sql-helpers.js';

/**
 * Errors of the last hour by kind, from `app_events` (warnings and errors of every process:
 * db_locked, duplicate_key, scrape_error, llm_error, …) and failed `llm_usage` rows. A failed
 * evaluation leaves both an llm_error event and failed call rows, so `llm_error` counts the larger
 * of the two rather than their sum. The error rate divides by the hour's LLM calls and results pages.
 */
export async function collectErrorCounts({ store, now }: CollectContext): Promise<ErrorsSection> {
  const since = isoHoursBefore(now, 1);
  const [events, llm, pages] = await Promise.all([
    store.driver.query<{ kind: string; n: unknown }>(
      `SELECT kind, COUNT(*) AS n FROM app_events WHERE created_at >= ? AND severity IN ('error', 'warning') GROUP BY kind`,
      [since],
    ),
    store.driver.query<Record<string, unknown>>(
      `SELECT COUNT(*) AS calls, SUM(CASE WHEN outcome <> 'ok' THEN 1 ELSE 0 END) AS failed FROM llm_usage WHERE created_at >= ?`,
      [since],
    ),
    store.driver.query<Record<string, unknown>>('SELECT COUNT(*) AS n FROM scrape_history WHERE scraped_at >= ?', [since]),
  ]);
  const byKind: Record<string, number> = {};
  for (const row of events) byKind[row.kind] = num(row.n);
  const failedCalls = num(llm[0]?.failed);
  if (failedCalls > (byKind.llm_error ?? 0)) byKind.llm_error = failedCalls;
  const total = Object.values(byKind).reduce((sum, n) => sum + n, 0);
  const operations = num(llm[0]?.calls) + num(pages[0]?.n);
  return { windowHours: 1, total, byKind, operations, errorPercent: percent(total, operations) };
}
