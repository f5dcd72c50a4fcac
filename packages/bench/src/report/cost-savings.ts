import {
  costOfCall,
  DEFAULT_PRICES,
  PRICES_AS_OF,
  type PriceTable,
  type ServiceTier,
} from '@jobsearchai/core/matchers';
import type { TokenTotals } from '../dedup/counting-matcher.js';
import type { DedupResult } from '../dedup/dedup-types.js';

export interface Schedule {
  searchTerms: number;
  runsPerDay: number;
  daysPerMonth: number;
}

export const DEFAULT_SCHEDULE: Schedule = { searchTerms: 3, runsPerDay: 2, daysPerMonth: 30 };

export interface ModelSavings {
  model: string;
  /** USD per 1M tokens: input / cached input / output, as of pricesAsOf. */
  prices: { input: number; cachedInput: number; output: number };
  baselinePerRunUsd: number;
  pipelinePerRunUsd: number;
  savedPerRunUsd: number;
  baselinePerMonthUsd: number;
  pipelinePerMonthUsd: number;
  savedPerMonthUsd: number;
  /** The pipeline's repeat run with evaluations at the Flex tier; null where the model has no Flex tier. */
  pipelinePerRunFlexUsd: number | null;
}

export interface CostSavings {
  pricesAsOf: string;
  /** The scenario a scheduled run resembles: a repeat search with a few new postings. */
  scenario: string;
  schedule: Schedule;
  runsPerMonth: number;
  llmCallsPerRun: { baseline: number; pipeline: number };
  llmCallsPerMonth: { baseline: number; pipeline: number; saved: number };
  /** Share of the pipeline run's prompt tokens the provider served from its prompt cache. */
  cachedTokenShare: number;
  /** The model the benchmark ran with first, then every model of the price table at the same token counts. */
  byModel: ModelSavings[];
}

/**
 * Cost of a scheduled repeat run, legacy vs pipeline, from the measured token counts of the
 * dedup benchmark's `repeat` scenario (run 2), priced with the dated price table. Other models are
 * priced at the same token counts (a reasoning model would also bill reasoning tokens).
 */
export function costSavings(
  dedup: DedupResult,
  schedule: Schedule = DEFAULT_SCHEDULE,
  prices: PriceTable = DEFAULT_PRICES,
): CostSavings | null {
  const repeat = dedup.scenarios.find((s) => s.name === 'repeat');
  if (!repeat) return null;
  const runsPerMonth = schedule.searchTerms * schedule.runsPerDay * schedule.daysPerMonth;
  const baseline = repeat.baseline.run2;
  const pipeline = repeat.pipeline.run2;
  const models = [dedup.config.model, ...Object.keys(prices).filter((m) => m !== dedup.config.model)];
  const byModel = models.flatMap((model): ModelSavings[] => {
    const price = prices[model];
    if (!price) return [];
    const baselinePerRunUsd = priced(model, baseline.tokens, prices);
    const pipelinePerRunUsd = priced(model, pipeline.tokens, prices);
    return [
      {
        model,
        prices: { input: price.input, cachedInput: price.cachedInput, output: price.output },
        baselinePerRunUsd: usd(baselinePerRunUsd),
        pipelinePerRunUsd: usd(pipelinePerRunUsd),
        savedPerRunUsd: usd(baselinePerRunUsd - pipelinePerRunUsd),
        baselinePerMonthUsd: usd(baselinePerRunUsd * runsPerMonth),
        pipelinePerMonthUsd: usd(pipelinePerRunUsd * runsPerMonth),
        savedPerMonthUsd: usd((baselinePerRunUsd - pipelinePerRunUsd) * runsPerMonth),
        pipelinePerRunFlexUsd:
          price.flexFactor === undefined ? null : usd(priced(model, pipeline.tokens, prices, 'flex')),
      },
    ];
  });
  return {
    pricesAsOf: PRICES_AS_OF,
    scenario: `repeat run, ${repeat.change}`,
    schedule,
    runsPerMonth,
    llmCallsPerRun: { baseline: baseline.llmCalls, pipeline: pipeline.llmCalls },
    llmCallsPerMonth: {
      baseline: baseline.llmCalls * runsPerMonth,
      pipeline: pipeline.llmCalls * runsPerMonth,
      saved: (baseline.llmCalls - pipeline.llmCalls) * runsPerMonth,
    },
    cachedTokenShare:
      pipeline.tokens.prompt === 0 ? 0 : Math.round((pipeline.tokens.cached / pipeline.tokens.prompt) * 1000) / 1000,
    byModel,
  };
}

function priced(model: string, tokens: TokenTotals, prices: PriceTable, tier: ServiceTier = 'default'): number {
  return costOfCall(
    model,
    { promptTokens: tokens.prompt, completionTokens: tokens.completion, cachedTokens: tokens.cached },
    prices,
    tier,
  ).costUsd;
}

/** Micro-dollar precision: a run costs fractions of a cent. */
function usd(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}
