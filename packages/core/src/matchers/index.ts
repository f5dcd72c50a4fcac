export * from './types.js';
export { DEFAULT_PRICES, PRICES_AS_OF, PriceTableSchema, costOfCall, priceOf, withPrices } from './prices.js';
export type { ModelPrice, PriceTable, TokenUsage } from './prices.js';
export { OpenAIMatcher } from './openai-matcher.js';
export type { OpenAIMatcherOptions } from './openai-matcher.js';
export { HeuristicMatcher } from './heuristic-matcher.js';
export { createMatcher } from './select-matcher.js';
export type { MatcherSettings } from './select-matcher.js';
