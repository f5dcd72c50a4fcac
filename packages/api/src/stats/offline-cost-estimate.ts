import type { MatcherDailyStats, MatcherStats } from '@jobsearchai/core';
import { HeuristicMatcher, type ServiceTier, typicalEvaluationCost, withPrices } from '@jobsearchai/core/matchers';
import type { MatcherSettings } from '@jobsearchai/core/matchers';
import type { z } from 'zod';
import type { ZCostEstimate } from '../schemas/stats.js';

/** The name the offline matcher gives its runs (search_runs.matcher). */
export const OFFLINE_MATCHER = new HeuristicMatcher().name;

export type CostEstimate = NonNullable<z.input<typeof ZCostEstimate>>;

/**
 * Prices what the offline matcher's runs did — evaluations made and evaluations saved, each an LLM
 * call with an LLM matcher — at the configured model's prices for a typical evaluation, so a demo
 * shows what deduplication would save. Null without offline runs or for an unpriced model.
 */
export function offlineCostEstimate(stats: MatcherStats, settings: MatcherSettings): CostEstimate | null {
  if (stats.totals.runs === 0 || settings.model === undefined) return null;
  const tier: ServiceTier = settings.serviceTier ?? 'default';
  const { costUsd: perEvaluation, priced } = typicalEvaluationCost(settings.model, withPrices(settings.prices), tier);
  if (!priced) return null;
  const price = (counts: Omit<MatcherDailyStats, 'day'>) => ({
    runs: counts.runs,
    evaluations: counts.evaluations,
    llmSaved: counts.llmSaved,
    costUsd: counts.evaluations * perEvaluation,
    costSavedUsd: counts.llmSaved * perEvaluation,
  });
  return {
    label: `estimated at ${settings.model} ${tier === 'flex' ? 'Flex ' : ''}prices`,
    model: settings.model,
    serviceTier: tier,
    costPerEvaluationUsd: perEvaluation,
    ...price(stats.totals),
    days: stats.days.map((day) => ({ day: day.day, ...price(day) })),
  };
}
