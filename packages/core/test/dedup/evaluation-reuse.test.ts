import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canReuse, copyEvaluation, reusableEvaluations, type ReusePolicy } from '../../src/dedup/evaluation-reuse.js';
import { findNewOnPage } from '../../src/dedup/find-new-postings.js';
import type { MatchDetail } from '../../src/store/types.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';
import { CV_KEY, evaluation, jobUrl, OTHER_CV_KEY } from './dedup-fixtures.js';

const anyModel: ReusePolicy = { matcher: 'openai', model: 'gpt-6-luna', reevaluateOnModelChange: false };
const sameModel: ReusePolicy = { ...anyModel, reevaluateOnModelChange: true };

function stored(overrides: Partial<MatchDetail>): MatchDetail {
  return { evaluationStatus: 'evaluated', matcher: 'openai', model: 'gpt-6-luna', ...overrides } as MatchDetail;
}

describe('canReuse', () => {
  it('reuses any successful evaluation unless the run asks for its own matcher and model', () => {
    expect(canReuse(stored({}), anyModel)).toBe(true);
    expect(canReuse(stored({ model: 'gpt-4.1-mini' }), anyModel)).toBe(true);
    expect(canReuse(stored({ matcher: 'heuristic', model: 'heuristic-v1' }), anyModel)).toBe(true);
    expect(canReuse(stored({}), sameModel)).toBe(true);
    expect(canReuse(stored({ model: 'gpt-4.1-mini' }), sameModel)).toBe(false);
    expect(canReuse(stored({ matcher: 'heuristic' }), sameModel)).toBe(false);
  });

  it('never reuses a failed evaluation', () => {
    expect(canReuse(stored({ evaluationStatus: 'failed' }), anyModel)).toBe(false);
    expect(canReuse(stored({ evaluationStatus: 'failed' }), sameModel)).toBe(false);
  });
});

describe.each(testProviders())('evaluation reuse on a store (%s)', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('finds the newest successful evaluation of each posting for the same CV, under any term', async () => {
    await t.store.insertMatches([
      evaluation(1, { searchTerm: 'analyst', overallMatch: 4 }),
      evaluation(1, { searchTerm: 'data', overallMatch: 9 }),
      evaluation(2, { searchTerm: 'analyst', overallMatch: null, reasoning: 'Error evaluating match' }),
      evaluation(3, { searchTerm: 'analyst', cvKey: OTHER_CV_KEY }),
      evaluation(4, { searchTerm: 'analyst', model: 'gpt-4.1-mini' }),
    ]);
    const urls = [1, 2, 3, 4, 5].map(jobUrl);

    const reusable = await reusableEvaluations(t.store, urls, CV_KEY, anyModel);
    expect([...reusable.keys()].sort()).toEqual([jobUrl(1), jobUrl(4)]);
    expect(reusable.get(jobUrl(1))).toMatchObject({ searchTerm: 'data', overallMatch: 9 });

    const strict = await reusableEvaluations(t.store, urls, CV_KEY, sameModel);
    expect([...strict.keys()]).toEqual([jobUrl(1)]);
  });

  it('copies an evaluation under the run’s term, replacing a failed one there, so the posting is then a duplicate', async () => {
    const run = await t.store.createRun({
      searchTerm: 'IT',
      cvKey: CV_KEY,
      source: 'demo',
      matcher: 'openai',
      model: 'gpt-6-luna',
      maxPages: 10,
    });
    await t.store.insertMatches([
      evaluation(1, { searchTerm: 'analyst', overallMatch: 8, reasoning: 'Sehr gut.' }),
      evaluation(1, { searchTerm: 'IT', overallMatch: null, reasoning: 'Error evaluating match' }),
    ]);
    const key = { searchTerm: 'IT', cvKey: CV_KEY };
    expect((await findNewOnPage(t.store, [jobUrl(1)], key, new Set())).fresh).toEqual([jobUrl(1)]);

    const previous = (await reusableEvaluations(t.store, [jobUrl(1)], CV_KEY, anyModel)).get(jobUrl(1))!;
    await copyEvaluation(t.store, previous, { url: jobUrl(1), searchTerm: 'IT', runId: run.id });

    const rows = await t.store.getMatchesByUrl(jobUrl(1));
    expect(rows).toHaveLength(2);
    const copy = rows.find((row) => row.searchTerm === 'IT')!;
    expect(copy).toMatchObject({
      overallMatch: 8,
      reasoning: 'Sehr gut.',
      runId: run.id,
      evaluationStatus: 'evaluated',
      matcher: 'openai',
    });
    expect(await findNewOnPage(t.store, [jobUrl(1)], key, new Set())).toEqual({ fresh: [], duplicates: 1 });
  });
});
