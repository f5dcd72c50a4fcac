import { DEFAULT_PRICES } from '@jobsearchai/core/matchers';
import { describe, expect, it } from 'vitest';
import type { DedupResult, RunMetrics, ScenarioResult } from '../src/dedup/dedup-types.js';
import { costSavings } from '../src/report/cost-savings.js';

function run(calls: number, prompt: number, cached: number, completion: number): RunMetrics {
  return {
    llmCalls: calls,
    pages: 1,
    detailPages: calls,
    tokens: { prompt, cached, completion },
    costUsd: 0,
    wallMs: 1,
  };
}

function dedupWith(baseline: RunMetrics, pipeline: RunMetrics): DedupResult {
  const scenario: ScenarioResult = {
    name: 'repeat',
    description: '',
    change: '5 new postings',
    baseline: { run1: baseline, run2: baseline },
    pipeline: { run1: baseline, run2: pipeline },
    reductions: { llmCalls: 0, pages: 0, tokens: 0, costUsd: 0, wallMs: 0 },
  };
  return {
    config: {
      pages: 10,
      postingsPerPage: 10,
      newShare: 0.05,
      model: 'gpt-4o-mini',
      concurrency: 4,
      llmLatencyMs: 0,
      serviceTier: 'default',
      seed: 42,
      scenarios: ['repeat'],
      priceModel: 'gpt-4o-mini',
    },
    scenarios: [scenario],
  };
}

describe('costSavings', () => {
  it('prices the repeat run per run and per month for the default schedule (3 terms × 2 runs × 30 days)', () => {
    // 1M uncached input tokens for the legacy run, a tenth for the pipeline; no output.
    const savings = costSavings(dedupWith(run(100, 1_000_000, 0, 0), run(10, 100_000, 0, 0)))!;
    expect(savings.runsPerMonth).toBe(180);
    expect(savings.llmCallsPerMonth).toEqual({ baseline: 18_000, pipeline: 1_800, saved: 16_200 });
    const mini = savings.byModel[0]!;
    expect(mini.model).toBe('gpt-4o-mini');
    expect(mini.baselinePerRunUsd).toBeCloseTo(0.15, 9);
    expect(mini.pipelinePerRunUsd).toBeCloseTo(0.015, 9);
    expect(mini.savedPerRunUsd).toBeCloseTo(0.135, 9);
    expect(mini.savedPerMonthUsd).toBeCloseTo(0.135 * 180, 6);
    expect(savings.byModel.map((m) => m.model).sort()).toEqual(Object.keys(DEFAULT_PRICES).sort());
    // gpt-4o-mini has no Flex tier; the default model's Flex run costs half its standard run.
    expect(mini.pipelinePerRunFlexUsd).toBeNull();
    const luna = savings.byModel.find((m) => m.model === 'gpt-6-luna')!;
    expect(luna.pipelinePerRunUsd).toBeCloseTo(0.01, 9);
    expect(luna.pipelinePerRunFlexUsd).toBeCloseTo(0.005, 9);
    expect(savings.cachedTokenShare).toBe(0);
  });

  it('reports the share of prompt tokens served from the cache', () => {
    const savings = costSavings(dedupWith(run(10, 1_000, 0, 10), run(2, 1_000, 250, 10)))!;
    expect(savings.cachedTokenShare).toBe(0.25);
  });

  it('charges cached input at the cached price and output at the output price', () => {
    const savings = costSavings(dedupWith(run(1, 1_000_000, 1_000_000, 1_000_000), run(0, 0, 0, 0)), {
      searchTerms: 1,
      runsPerDay: 1,
      daysPerMonth: 30,
    })!;
    const mini = savings.byModel.find((m) => m.model === 'gpt-4o-mini')!;
    expect(mini.baselinePerRunUsd).toBeCloseTo(0.075 + 0.6, 9);
    const five = savings.byModel.find((m) => m.model === 'gpt-5-mini')!;
    expect(five.baselinePerRunUsd).toBeCloseTo(0.025 + 2.0, 9);
    expect(savings.runsPerMonth).toBe(30);
  });

  it('needs the repeat scenario', () => {
    const result = dedupWith(run(1, 1, 0, 1), run(0, 0, 0, 0));
    expect(costSavings({ ...result, scenarios: [] })).toBeNull();
  });
});
