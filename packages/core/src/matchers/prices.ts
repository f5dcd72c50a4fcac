import { z } from 'zod';

import { MODEL_TABLE, MODEL_TABLE_CHECKED } from './model-table.js';

/**
 * USD per 1M tokens. `cachedInput` is what the provider charges for prompt tokens served from its
 * cache; `flexFactor` is the share of these prices charged at the Flex tier (absent: no Flex discount known).
 */
export interface ModelPrice {
  input: number;
  cachedInput: number;
  output: number;
  flexFactor?: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

/** `default` is the provider's standard processing; `flex` is cheaper and may answer 429 when it has no capacity. */
export type ServiceTier = 'default' | 'flex';

export const PRICES_AS_OF = MODEL_TABLE_CHECKED;

/** The model table's list prices, as the cost figures use them. */
export const DEFAULT_PRICES: PriceTable = Object.fromEntries(
  MODEL_TABLE.map((m) => [
    m.id,
    {
      input: m.input,
      cachedInput: m.cachedInput,
      output: m.output,
      ...(m.flexFactor === null ? {} : { flexFactor: m.flexFactor }),
    },
  ]),
);

const perMillion = z.number().finite().nonnegative();

/**
 * Prices supplied by configuration (e.g. a JSON object in an environment variable or a config file)
 * for models the default table lacks. Cached input defaults to the full input price: no discount
 * is assumed where none is known.
 */
export const PriceTableSchema = z
  .record(
    z.string().min(1),
    z
      .object({
        input: perMillion,
        cachedInput: perMillion.optional(),
        output: perMillion,
        flexFactor: z.number().positive().max(1).optional(),
      })
      .strict(),
  )
  .transform(
    (table): PriceTable =>
      Object.fromEntries(
        Object.entries(table).map(([model, p]) => [
          model,
          {
            input: p.input,
            cachedInput: p.cachedInput ?? p.input,
            output: p.output,
            ...(p.flexFactor === undefined ? {} : { flexFactor: p.flexFactor }),
          },
        ]),
      ),
  );

/** The default table with configured prices added or overriding defaults. */
export function withPrices(extra: PriceTable | undefined, base: PriceTable = DEFAULT_PRICES): PriceTable {
  return extra === undefined ? base : { ...base, ...extra };
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  /** Part of promptTokens served from the provider's prompt cache. */
  cachedTokens: number;
}

/** API responses name a dated snapshot (gpt-4o-mini-2024-07-18); it costs what its alias costs. */
const SNAPSHOT_SUFFIX = /-\d{4}-\d{2}-\d{2}$/;

export function priceOf(model: string, prices: PriceTable = DEFAULT_PRICES): ModelPrice | undefined {
  for (const name of [model, model.replace(SNAPSHOT_SUFFIX, '')]) {
    if (Object.hasOwn(prices, name)) return prices[name];
  }
  return undefined;
}

/** Tokens of a typical evaluation (prompt with CV summary and posting, scores and reasoning back). */
export const TYPICAL_EVALUATION_TOKENS: TokenUsage = { promptTokens: 1_500, completionTokens: 350, cachedTokens: 0 };

/**
 * What one evaluation of typical size costs at a model's prices: the LLM matcher's estimate before
 * it has observed a call, and the estimate for evaluations the offline matcher made instead of an LLM.
 */
export function typicalEvaluationCost(
  model: string,
  prices: PriceTable = DEFAULT_PRICES,
  tier: ServiceTier = 'default',
): { costUsd: number; priced: boolean } {
  return costOfCall(model, TYPICAL_EVALUATION_TOKENS, prices, tier);
}

/**
 * Cost of one call. Reasoning tokens are already part of completionTokens, as the API reports them.
 * An unknown model costs 0 with `priced: false`, so a missing price is visible but never stops a run.
 * A Flex call costs the model's Flex share of every price (the full price where none is known).
 */
export function costOfCall(
  model: string,
  usage: TokenUsage,
  prices: PriceTable = DEFAULT_PRICES,
  tier: ServiceTier = 'default',
): { costUsd: number; priced: boolean } {
  const price = priceOf(model, prices);
  if (price === undefined) return { costUsd: 0, priced: false };
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const micro =
    (usage.promptTokens - cached) * price.input + cached * price.cachedInput + usage.completionTokens * price.output;
  const factor = tier === 'flex' ? (price.flexFactor ?? 1) : 1;
  return { costUsd: (micro * factor) / 1_000_000, priced: true };
}
