import { parseLegacyTimestamp } from '@jobsearchai/core';
import type { CollectContext, EvaluationsSection } from './types.js';
import { hoursBetween, isoHoursBefore } from './window-math.js';

/**
 * When the pipeline last stored an evaluation (a row written by a run, not by the migration), and
 * whether runs of the rule's window had work that should have produced one: postings to evaluate,
 * or a run that failed or was interrupted. Runs that found nothing new are a quiet board, not a
 * dead pipeline.
 */
export async function collectEvaluations({ store, now, config }: CollectContext): Promise<EvaluationsSection> {
  const windowHours = config.rules.noEvaluation.hours;
  const activity = await store.evaluationActivity(isoHoursBefore(now, windowHours));
  const lastSuccess = parseLegacyTimestamp(activity.lastRunEvaluationAt);
  return {
    lastSuccessAt: lastSuccess?.toISOString() ?? null,
    hoursSinceLastSuccess: lastSuccess ? hoursBetween(lastSuccess, now) : null,
    windowHours,
    runsInWindow: activity.runs,
    runsExpectingEvaluations: activity.runsExpectingEvaluations,
  };
}
