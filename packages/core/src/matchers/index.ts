export * from './types.js';
export {
  DEFAULT_PRICES,
  PRICES_AS_OF,
  PriceTableSchema,
  TYPICAL_EVALUATION_TOKENS,
  costOfCall,
  priceOf,
  typicalEvaluationCost,
  withPrices,
} from './prices.js';
export type { ModelPrice, PriceTable, ServiceTier, TokenUsage } from './prices.js';
export * from './model-table.js';
export { OpenAIMatcher } from './openai-matcher.js';
export type { OpenAIMatcherOptions } from './openai-matcher.js';
export { HeuristicMatcher } from './heuristic-matcher.js';
export { checkModelReadiness, refuseRetiredModel } from './model-readiness.js';
export type { ModelReadinessInput } from './model-readiness.js';
export { createMatcher, matcherSettingsFromEnv, readPriceFile } from './select-matcher.js';
export type { MatcherSettings } from './select-matcher.js';
