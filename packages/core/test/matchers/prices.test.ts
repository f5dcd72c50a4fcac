import { describe, expect, it } from 'vitest';
import {
  costOfCall,
  DEFAULT_PRICES,
  MODEL_TABLE,
  MODEL_TABLE_CHECKED,
  PRICES_AS_OF,
  PriceTableSchema,
  withPrices,
} from '../../src/matchers/index.js';

const million = { promptTokens: 1_000_000, completionTokens: 1_000_000, cachedTokens: 0 };

describe('price table', () => {
  it('is the model table, dated, with every entry sourced', () => {
    expect(PRICES_AS_OF).toBe(MODEL_TABLE_CHECKED);
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(DEFAULT_PRICES).sort()).toEqual(MODEL_TABLE.map((m) => m.id).sort());
    for (const entry of MODEL_TABLE) {
      expect(entry.source).toMatch(/^https:\/\//);
      expect(entry.cachedInput).toBeLessThanOrEqual(entry.input);
    }
  });

  it('charges the Flex share of every price at the Flex tier, the full price where a model has none', () => {
    const usage = { promptTokens: 2_000, completionTokens: 500, cachedTokens: 1_024 };
    expect(costOfCall('gpt-6-luna', usage, DEFAULT_PRICES, 'flex').costUsd).toBeCloseTo(
      costOfCall('gpt-6-luna', usage).costUsd * 0.5,
      15,
    );
    expect(costOfCall('gpt-4o-mini', usage, DEFAULT_PRICES, 'flex')).toEqual(costOfCall('gpt-4o-mini', usage));
  });

  it.each([
    ['gpt-6-luna', 0.1 + 0.5],
    ['gpt-4o-mini', 0.15 + 0.6],
    ['gpt-4.1-mini', 0.4 + 1.6],
    ['gpt-5-mini', 0.25 + 2.0],
    ['gpt-6.1-terra', 1 + 5],
  ])('charges %s per million input and output tokens', (model, usd) => {
    expect(costOfCall(model, million)).toEqual({ costUsd: expect.closeTo(usd, 12), priced: true });
  });

  it('charges cached prompt tokens at the discounted rate', () => {
    const usage = { promptTokens: 2_000, completionTokens: 500, cachedTokens: 1_024 };
    const expected = (976 * 0.15 + 1_024 * 0.075 + 500 * 0.6) / 1e6;
    expect(costOfCall('gpt-4o-mini', usage).costUsd).toBeCloseTo(expected, 15);
  });

  it('never counts more cached tokens than prompt tokens', () => {
    const usage = { promptTokens: 100, completionTokens: 0, cachedTokens: 500 };
    expect(costOfCall('gpt-4o-mini', usage).costUsd).toBeCloseTo((100 * 0.075) / 1e6, 15);
  });

  it('prices a dated snapshot like its alias', () => {
    expect(costOfCall('gpt-4o-mini-2024-07-18', million)).toEqual(costOfCall('gpt-4o-mini', million));
  });

  it('returns zero with a flag for an unknown model', () => {
    expect(costOfCall('mystery-model', million)).toEqual({ costUsd: 0, priced: false });
  });

  it('takes prices from configuration, defaulting cached input to the full input price', () => {
    const extra = PriceTableSchema.parse({ 'mystery-model': { input: 1, output: 3 } });
    const table = withPrices(extra);

    expect(table['mystery-model']).toEqual({ input: 1, cachedInput: 1, output: 3 });
    expect(
      costOfCall('mystery-model', { promptTokens: 1_000, completionTokens: 1_000, cachedTokens: 500 }, table).costUsd,
    ).toBeCloseTo(0.004, 15);
    expect(table['gpt-4o-mini']).toEqual(DEFAULT_PRICES['gpt-4o-mini']);
  });

  it('rejects configured prices that are negative or misspelt', () => {
    expect(PriceTableSchema.safeParse({ m: { input: -1, output: 1 } }).success).toBe(false);
    expect(PriceTableSchema.safeParse({ m: { input: 1, outptu: 1 } }).success).toBe(false);
  });
});
