import type { SqlDriver } from '../db/sql-driver.js';
import type { ErrorActivity, EvaluationActivity, LlmUsageTotals } from './types.js';

/*
 * What the operations side (monitoring) counts. `since` is an ISO-8601 timestamp: this release
 * writes UTC ISO text, which compares as time.
 */

const n = (value: unknown) => Number(value ?? 0);

/** Warnings and errors by kind since `since`, with the LLM calls and results pages of the same span. */
export async function errorActivity(driver: SqlDriver, since: string): Promise<ErrorActivity> {
  const [events, llm, pages] = await Promise.all([
    driver.query<{ kind: string; n: unknown }>(
      `SELECT kind, COUNT(*) AS n FROM app_events WHERE created_at >= ? AND severity IN ('error', 'warning') GROUP BY kind`,
      [since],
    ),
    driver.query<Record<string, unknown>>(
      `SELECT COUNT(*) AS calls, SUM(CASE WHEN outcome <> 'ok' THEN 1 ELSE 0 END) AS failed FROM llm_usage WHERE created_at >= ?`,
      [since],
    ),
    driver.query<Record<string, unknown>>('SELECT COUNT(*) AS n FROM scrape_history WHERE scraped_at >= ?', [since]),
  ]);
  const eventsByKind: Record<string, number> = {};
  for (const row of events) eventsByKind[row.kind] = n(row.n);
  return { eventsByKind, llmCalls: n(llm[0]?.calls), llmFailedCalls: n(llm[0]?.failed), scrapePages: n(pages[0]?.n) };
}

/** LLM calls, failed calls and their cost since `since`. */
export async function llmUsageTotals(driver: SqlDriver, since: string): Promise<LlmUsageTotals> {
  const [row] = await driver.query<Record<string, unknown>>(
    `SELECT COUNT(*) AS calls, SUM(CASE WHEN outcome <> 'ok' THEN 1 ELSE 0 END) AS failed, SUM(cost_usd) AS cost FROM llm_usage WHERE created_at >= ?`,
    [since],
  );
  return { calls: n(row?.calls), failed: n(row?.failed), costUsd: n(row?.cost) };
}

/**
 * When a run last stored a scored evaluation, and whether the runs since `since` had work that
 * should have produced one: new postings, or a run that failed or was interrupted. Runs that
 * found nothing new are a quiet board, not a dead pipeline.
 */
export async function evaluationActivity(driver: SqlDriver, since: string): Promise<EvaluationActivity> {
  const [latest, runs] = await Promise.all([
    driver.query<{ matched_at: string | null }>(
      'SELECT matched_at FROM job_matches WHERE run_id IS NOT NULL AND overall_match >= 1 ORDER BY matched_at DESC LIMIT 1',
    ),
    driver.query<Record<string, unknown>>(
      `SELECT COUNT(*) AS runs,
         SUM(CASE WHEN status <> 'running' AND (postings_new > 0 OR status IN ('failed', 'interrupted')) THEN 1 ELSE 0 END) AS expecting
       FROM search_runs WHERE started_at >= ?`,
      [since],
    ),
  ]);
  return {
    lastRunEvaluationAt: latest[0]?.matched_at ?? null,
    runs: n(runs[0]?.runs),
    runsExpectingEvaluations: n(runs[0]?.expecting),
  };
}
