import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCoreEnv, type RunCounters } from '@jobsearchai/core';
import { testProviders } from '@jobsearchai/core/testing';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_CV_PATH } from '../src/commands/demo-data.js';
import type { SearchManager } from '../src/searches/search-manager.js';
import { ZStatsResponse } from '../src/schemas/stats.js';
import { CV_A, openTestApp, type TestApp, type TestAppOptions } from './helpers/test-app.js';

// A typical evaluation is 1,500 prompt and 350 completion tokens. gpt-6-luna: $0.10 and $0.50 per
// 1M tokens; gpt-6.1-terra: $1 and $5, half of that at the Flex tier.
const LUNA_PER_EVALUATION = (1_500 * 0.1 + 350 * 0.5) / 1_000_000;
const TERRA_FLEX_PER_EVALUATION = ((1_500 * 1 + 350 * 5) * 0.5) / 1_000_000;

const zero: RunCounters = {
  pagesScraped: 1,
  pagesSaved: 0,
  postingsSeen: 10,
  postingsNew: 0,
  postingsDuplicate: 0,
  postingsReused: 0,
  llmCalls: 0,
  llmFailed: 0,
  llmSaved: 0,
  tokensIn: 0,
  tokensOut: 0,
  costUsd: 0,
  costSavedUsd: 0,
  flexFallbacks: 0,
};

describe.each(testProviders())('GET /api/stats: the estimate for offline runs (%s)', (provider) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  async function open(options: TestAppOptions = {}): Promise<TestApp> {
    t = await openTestApp(provider, options);
    return t;
  }

  async function finishedRun(app: TestApp, matcher: string, counters: Partial<RunCounters>): Promise<void> {
    const run = await app.store.createRun({
      searchTerm: `term-${matcher}-${counters.postingsNew ?? 0}`,
      cvKey: CV_A,
      source: 'demo-board',
      matcher,
      model: matcher === 'openai' ? 'gpt-6-luna' : 'heuristic-v1',
      maxPages: 10,
    });
    await app.store.finishRun(run.id, { status: 'completed', counters: { ...zero, ...counters } });
  }

  const stats = async (app: TestApp, query = '') =>
    ZStatsResponse.parse((await request(app.app).get(`/api/stats${query}`)).body);

  it('prices what two demo searches did at the default model, labelled; the real figures stay $0', async () => {
    const app = await open();
    mkdirSync(app.config.cvDir, { recursive: true });
    copyFileSync(SAMPLE_CV_PATH, join(app.config.cvDir, 'cv.md'));
    // The offline matcher on the demo board, as `serve --demo` runs it; the repeat run saves its calls.
    for (let i = 0; i < 2; i++) {
      const res = await request(app.app)
        .post('/api/runs')
        .set('content-type', 'application/json')
        .send(JSON.stringify({ search_term: 'IT', cv_path: 'cv.md', max_pages: 2, source: 'demo' }));
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      await (app.app.context.searches as SearchManager).wait(res.body.id);
    }

    const body = await stats(app);
    expect(body.totals).toMatchObject({ runs: 2, llmCalls: 0, llmSaved: 10, costUsd: 0, costSavedUsd: 0 });
    expect(body.estimate).toMatchObject({
      label: 'estimated at gpt-6-luna prices',
      model: 'gpt-6-luna',
      serviceTier: 'default',
      runs: 2,
      evaluations: 20,
      llmSaved: 10,
    });
    expect(body.estimate!.costPerEvaluationUsd).toBeCloseTo(LUNA_PER_EVALUATION, 12);
    expect(body.estimate!.costUsd).toBeCloseTo(20 * LUNA_PER_EVALUATION, 12);
    expect(body.estimate!.costSavedUsd).toBeCloseTo(10 * LUNA_PER_EVALUATION, 12);
    const today = new Date().toISOString().slice(0, 10);
    expect(body.estimate!.days).toHaveLength(1);
    expect(body.estimate!.days[0]).toMatchObject({ day: today, evaluations: 20, llmSaved: 10 });
    expect(body.estimate!.days[0]!.costSavedUsd).toBeGreaterThan(0);
  });

  it('estimates only the offline runs, at the configured model and tier; LLM runs keep their real cost', async () => {
    const core = loadCoreEnv({ OPENAI_MODEL: 'gpt-6.1-terra', OPENAI_SERVICE_TIER: 'flex' });
    const app = await open({ config: { core } });
    await finishedRun(app, 'heuristic', { postingsNew: 12, postingsReused: 2, llmSaved: 8 });
    await finishedRun(app, 'openai', { postingsNew: 7, llmCalls: 7, llmSaved: 3, costUsd: 0.05, costSavedUsd: 0.02 });

    const body = await stats(app);
    expect(body.totals.costUsd).toBeCloseTo(0.05, 12);
    expect(body.totals.costSavedUsd).toBeCloseTo(0.02, 12);
    expect(body.estimate).toMatchObject({
      label: 'estimated at gpt-6.1-terra Flex prices',
      model: 'gpt-6.1-terra',
      serviceTier: 'flex',
      runs: 1,
      evaluations: 10,
      llmSaved: 8,
    });
    expect(body.estimate!.costUsd).toBeCloseTo(10 * TERRA_FLEX_PER_EVALUATION, 12);
    expect(body.estimate!.costSavedUsd).toBeCloseTo(8 * TERRA_FLEX_PER_EVALUATION, 12);
    // Outside the range of the offline run there is nothing to estimate.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await stats(app, `?from=${tomorrow}`)).estimate).toBeNull();
  });

  it('gives no estimate without offline runs, nor for a model without a price', async () => {
    const llmOnly = await open();
    await finishedRun(llmOnly, 'openai', { postingsNew: 7, llmCalls: 7, costUsd: 0.05 });
    expect((await stats(llmOnly)).estimate).toBeNull();
    await llmOnly.cleanup();

    const unpriced = await open({ config: { core: loadCoreEnv({ OPENAI_MODEL: 'local-llama' }) } });
    await finishedRun(unpriced, 'heuristic', { postingsNew: 10, llmSaved: 5 });
    expect((await stats(unpriced)).estimate).toBeNull();
  });
});
