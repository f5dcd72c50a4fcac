import { parseLegacyTimestamp } from '@jobsearchai/core';
import type { CollectContext, EvaluationsSection } from './types.js';
import { hoursBetween, isoHoursBefore, num } from './sql-helpers.js';

/**
 * When the pipeline last stored an evaluation (a row written by a run, not by the migration), and
 * whether runs of the rule's window had work that should have produced one: postings to evaluate,
 * or a run that failed or was interrupted. Runs that found nothing new are a quiet board, not a
 * dead pipeline.
 */
export async function collectEvaluations({ store, now, config }: CollectContext): Promise<EvaluationsSection> {
  const windowHours = config.rules.noEvaluation.hours;
  const [latest, runs] = await Promise.all([
    store.driver.query<{ matched_at: string | null }>(
      'SELECT matched_at FROM job_matches WHERE run_id IS NOT NULL AND overall_match >= 1 ORDER BY matched_at DESC LIMIT 1',
    ),
    store.driver.query<Record<string, unknown>>(
      `SELECT COUNT(*) AS runs,
         SUM(CASE WHEN status <> 'running' AND (postings_new > 0 OR status IN ('failed', 'interrupted')) THEN 1 ELSE 0 END) AS expecting
       FROM search_runs WHERE started_at >= ?`,
      [isoHoursBefore(now, windowHours)],
    ),
  ]);
  const lastSuccess = parseLegacyTimestamp(latest[0]?.matched_at ?? null);
  return {
    lastSuccessAt: lastSuccess?.toISOString() ?? null,
    hoursSinceLastSuccess: lastSuccess ? hoursBetween(lastSuccess, now) : null,
    windowHours,
    runsInWindow: num(runs[0]?.runs),
    runsExpectingEvaluations: num(runs[0]?.expecting),
  };
}
