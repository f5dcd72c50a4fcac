import { z } from 'zod';

/** USD per 1M tokens. `cachedInput` is what the provider charges for prompt tokens served from its cache. */
export interface ModelPrice {
  input: number;
  cachedInput: number;
  output: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

export const PRICES_AS_OF = '2026-06';

/** OpenAI list prices as of PRICES_AS_OF; cached input carries each model's published discount. */
export const DEFAULT_PRICES: PriceTable = {
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2.0 },
};

const perMillion = z.number().finite().nonnegative();

/**
 * Prices supplied by configuration (e.g. a JSON object in an environment variable or a config file)
 * for models the default table lacks. Cached input defaults to the full input price: no discount
 * is assumed where none is known.
 */
export const PriceTableSchema = z
  .record(
    z.string().min(1),
    z.object({ input: perMillion, cachedInput: perMillion.optional(), output: perMillion }).strict(),
  )
  .transform(
    (table): PriceTable =>
      Object.fromEntries(
        Object.entries(table).map(([model, p]) => [
          model,
          { input: p.input, cachedInput: p.cachedInput ?? p.input, output: p.output },
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

/**
 * Cost of one call. Reasoning tokens are already part of completionTokens, as the API reports them.
 * An unknown model costs 0 with `priced: false`, so a missing price is visible but never stops a run.
 */
export function costOfCall(
  model: string,
  usage: TokenUsage,
  prices: PriceTable = DEFAULT_PRICES,
): { costUsd: number; priced: boolean } {
  const price = priceOf(model, prices);
  if (price === undefined) return { costUsd: 0, priced: false };
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const micro =
    (usage.promptTokens - cached) * price.input + cached * price.cachedInput + usage.completionTokens * price.output;
  return { costUsd: micro / 1_000_000, priced: true };
}
