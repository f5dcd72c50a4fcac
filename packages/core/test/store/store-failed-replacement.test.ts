import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { matchKey } from '../../src/store/match-columns.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';
import { testSql } from '../../src/testing/sql-for-tests.js';
import { sampleMatch } from './fixtures.js';

const failed = (n: number) =>
  sampleMatch(n, {
    overallMatch: null,
    skillsMatch: null,
    reasoning: 'Error evaluating match',
    scrapedData: { attempt: 'failed' },
  });

describe.each(testProviders())('store: a failed evaluation never blocks a real one (%s)', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const stored = async (n: number) => (await t.store.getMatchesByUrl(sampleMatch(n).jobUrl))[0];

  it('replaces a stored failed evaluation with a successful one, also when duplicates are skipped', async () => {
    const { id } = await t.store.insertMatch(failed(1));
    expect((await stored(1))?.evaluationStatus).toBe('failed');

    const result = await t.store.insertMatches([sampleMatch(1), sampleMatch(2)]);
    expect(result.outcomes).toEqual(['replaced', 'inserted']);
    expect(result).toMatchObject({ inserted: 1, replaced: 1, skipped: 0, updated: 0 });
    const row = await stored(1);
    expect(row).toMatchObject({ id, evaluationStatus: 'evaluated', overallMatch: sampleMatch(1).overallMatch });
    expect(row?.reasoning).toBe(sampleMatch(1).reasoning);
  });

  it('replaces a legacy row that holds score 0 and no status (as the legacy code wrote it)', async () => {
    await t.store.insertMatch(failed(3));
    await testSql(t.store).execute(`UPDATE job_matches SET evaluation_status = NULL`);
    expect((await t.store.insertMatch(sampleMatch(3))).outcome).toBe('replaced');
    expect((await stored(3))?.overallMatch).toBe(sampleMatch(3).overallMatch);
  });

  it('writes the first successful evaluation of a key in a batch, not an earlier failed or a later one', async () => {
    const batch = [failed(1), sampleMatch(1, { overallMatch: 4 }), sampleMatch(1, { overallMatch: 9 }), failed(2)];
    const result = await t.store.insertMatches(batch);
    expect(result.outcomes).toEqual(['skipped', 'inserted', 'skipped', 'inserted']);
    expect((await stored(1))?.overallMatch).toBe(4);
    expect((await stored(2))?.evaluationStatus).toBe('failed');

    const forced = await t.store.insertMatches(batch, { onDuplicate: 'update' });
    expect(forced.outcomes).toEqual(['skipped', 'unchanged', 'skipped', 'unchanged']);
    expect((await stored(1))?.overallMatch).toBe(4);
  });

  it('never lets a failed evaluation overwrite a successful one, even with update', async () => {
    await t.store.insertMatch(sampleMatch(1));
    const result = await t.store.insertMatches([failed(1)], { onDuplicate: 'update' });
    expect(result.outcomes).toEqual(['skipped']);
    expect((await stored(1))?.evaluationStatus).toBe('evaluated');

    await t.store.insertMatch(failed(2));
    const again = await t.store.insertMatches([
      failed(2),
      { ...failed(2), reasoning: 'Error evaluating match (timeout)' },
    ]);
    expect(again.outcomes).toEqual(['skipped', 'skipped']);
    const refreshed = await t.store.insertMatches([{ ...failed(2), reasoning: 'Error evaluating match (timeout)' }], {
      onDuplicate: 'update',
    });
    expect(refreshed.outcomes).toEqual(['updated']);
  });

  it('leaves keepKeys as they are under update, but still replaces a failed row there', async () => {
    await t.store.insertMatches([sampleMatch(1), failed(2)]);
    const keepKeys = new Set([matchKey(sampleMatch(1)), matchKey(sampleMatch(2))]);
    const result = await t.store.insertMatches([sampleMatch(1, { overallMatch: 10 }), sampleMatch(2)], {
      onDuplicate: 'update',
      keepKeys,
    });
    expect(result.outcomes).toEqual(['skipped', 'replaced']);
    expect((await stored(1))?.overallMatch).toBe(sampleMatch(1).overallMatch);
    expect((await stored(2))?.evaluationStatus).toBe('evaluated');
  });
});
