import type { CollectContext, DedupSection, SavingsSection } from './types.js';
import { isoHoursBefore, num, percent } from './sql-helpers.js';

interface RunRow {
  id: unknown;
  started_at: string;
  stop_reason: string | null;
  max_pages: unknown;
  pages_saved: unknown;
  postings_seen: unknown;
  postings_duplicate: unknown;
  llm_calls: unknown;
  llm_saved: unknown;
  is_repeat: unknown;
}

/**
 * Deduplication at work, from the finished runs of the stats window: duplicate rate per scrape,
 * early-exit effectiveness (pages saved / pages the legacy pipeline would have fetched) and, on
 * repeat runs (an earlier completed run exists for the same term and CV), the share of LLM calls
 * saved — SPEC §7's "dedup reduction".
 */
export async function collectDedup({ store, now, config }: CollectContext): Promise<DedupSection> {
  const windowHours = config.statsWindowHours;
  const rows = await store.driver.query<RunRow>(
    `SELECT r.id, r.started_at, r.stop_reason, r.max_pages, r.pages_saved, r.postings_seen, r.postings_duplicate, r.llm_calls, r.llm_saved,
       CASE WHEN EXISTS (SELECT 1 FROM search_runs p WHERE p.search_term = r.search_term AND p.cv_key = r.cv_key AND p.id < r.id AND p.status = 'completed') THEN 1 ELSE 0 END AS is_repeat
     FROM search_runs r
     WHERE r.started_at >= ? AND r.status <> 'running'
     ORDER BY r.id DESC LIMIT 5000`,
    [isoHoursBefore(now, windowHours)],
  );
  let postingsSeen = 0, postingsDuplicate = 0, pagesSaved = 0, pagesPossible = 0;
  let repeatRuns = 0, repeatRunPostings = 0, repeatSaved = 0, repeatCalls = 0;
  for (const row of rows) {
    postingsSeen += num(row.postings_seen);
    postingsDuplicate += num(row.postings_duplicate);
    pagesSaved += num(row.pages_saved);
    pagesPossible += num(row.max_pages);
    if (num(row.is_repeat) === 1) {
      repeatRuns++;
      repeatRunPostings += num(row.postings_seen);
      repeatSaved += num(row.llm_saved);
      repeatCalls += num(row.llm_calls);
    }
  }
  const last = rows[0];
  return {
    windowHours,
    runs: rows.length,
    postingsSeen,
    postingsDuplicate,
    duplicatePercent: percent(postingsDuplicate, postingsSeen),
    lastRun: last
      ? { id: num(last.id), startedAt: String(last.started_at), duplicatePercent: percent(num(last.postings_duplicate), num(last.postings_seen)), stopReason: last.stop_reason ?? null }
      : null,
    repeatRuns,
    repeatRunPostings,
    repeatReductionPercent: percent(repeatSaved, repeatSaved + repeatCalls),
    pagesSaved,
    pagesPossible,
    earlyExitPercent: percent(pagesSaved, pagesPossible),
  };
}

/** Everything deduplication has saved since the first run. */
export async function collectSavings({ store }: CollectContext): Promise<SavingsSection> {
  const rows = await store.driver.query<Record<string, unknown>>(
    'SELECT SUM(llm_saved) AS calls_saved, SUM(cost_saved_usd) AS cost_saved, SUM(llm_calls) AS calls, SUM(cost_usd) AS cost FROM search_runs',
  );
  const row = rows[0] ?? {};
  return { callsSaved: num(row.calls_saved), costSavedUsd: num(row.cost_saved), llmCalls: num(row.calls), costUsd: num(row.cost) };
}
