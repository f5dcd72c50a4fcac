import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isJobSearchError } from '../../src/errors.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';
import { sampleMatch } from './fixtures.js';

describe.each(testProviders())('store: matches (%s)', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('inserts, skips a duplicate key without throwing, and reports what happened', async () => {
    const first = await t.store.insertMatch(sampleMatch(1));
    expect(first.outcome).toBe('inserted');
    const again = await t.store.insertMatch(sampleMatch(1, { overallMatch: 2 }));
    expect(again).toEqual({ outcome: 'skipped', id: first.id });
    expect((await t.store.getMatch(first.id))?.overallMatch).toBe(2);
  });

  it('updates a duplicate on request, and reports an identical row as unchanged', async () => {
    const { id } = await t.store.insertMatch(sampleMatch(1));
    const updated = await t.store.insertMatch(sampleMatch(1, { overallMatch: 9, reasoning: 'neu' }), {
      onDuplicate: 'update',
    });
    expect(updated).toEqual({ outcome: 'updated', id });
    const row = await t.store.getMatch(id);
    expect(row?.overallMatch).toBe(9);
    expect(row?.reasoning).toBe('neu');
    const same = await t.store.insertMatch(sampleMatch(1, { overallMatch: 9, reasoning: 'neu' }), {
      onDuplicate: 'update',
    });
    expect(same.outcome).toBe('unchanged');
  });

  it('keeps one row per (url, search term, cv_key): the same URL under two terms is two rows', async () => {
    await t.store.insertMatch(sampleMatch(1));
    await t.store.insertMatch(sampleMatch(1, { searchTerm: 'analyst' }));
    await t.store.insertMatch(sampleMatch(1, { cvKey: 'fedcba9876543210' }));
    expect(await t.store.getMatchesByUrl(sampleMatch(1).jobUrl)).toHaveLength(3);
  });

  it('bulk-inserts with per-record outcomes, counting repeats inside the batch as duplicates', async () => {
    await t.store.insertMatch(sampleMatch(0));
    const batch = [
      sampleMatch(0),
      sampleMatch(1),
      sampleMatch(2),
      sampleMatch(1, { overallMatch: 3 }),
      ...Array.from({ length: 450 }, (_, i) => sampleMatch(10 + i)),
    ];
    const result = await t.store.insertMatches(batch);
    expect(result.outcomes.slice(0, 4)).toEqual(['skipped', 'inserted', 'inserted', 'skipped']);
    expect(result).toMatchObject({ inserted: 452, skipped: 2, updated: 0, unchanged: 0 });
    expect((await t.store.tableCounts()).jobMatches).toBe(453);

    const forced = await t.store.insertMatches(batch, { onDuplicate: 'update' });
    // sampleMatch(1) then its variant: the first occurrence is the one written, the variant is skipped.
    expect(forced.outcomes.slice(0, 4)).toEqual(['unchanged', 'unchanged', 'unchanged', 'skipped']);
    expect((await t.store.getMatchesByUrl(sampleMatch(1).jobUrl))[0]?.overallMatch).toBe(sampleMatch(1).overallMatch);
    expect(forced.inserted).toBe(0);
  });

  it('rolls back a whole transaction', async () => {
    await expect(
      t.store.transaction(async (tx) => {
        await tx.insertMatches([sampleMatch(1), sampleMatch(2)]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await t.store.tableCounts()).jobMatches).toBe(0);
  });

  it('keeps writes from outside an open transaction out of it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const tx = t.store
      .transaction(async (inner) => {
        await inner.insertMatch(sampleMatch(1));
        await gate;
        throw new Error('rollback');
      })
      .catch((e: Error) => e.message);
    const outside = t.store.insertMatch(sampleMatch(2));
    release();
    expect(await tx).toBe('rollback');
    expect((await outside).outcome).toBe('inserted');
    const urls = (await t.store.listMatches({ status: 'all' })).items.map((m) => m.jobUrl);
    expect(urls).toEqual([sampleMatch(2).jobUrl]);
  });

  it('finds the new postings of a page in one query; failed evaluations count as new', async () => {
    await t.store.insertMatches([
      sampleMatch(1),
      sampleMatch(2),
      sampleMatch(3, { overallMatch: null, reasoning: 'Error evaluating match' }),
    ]);
    const urls = [1, 2, 3, 4].map((n) => sampleMatch(n).jobUrl);
    expect(await t.store.findNewPostings(urls, 'IT', '0123456789abcdef')).toEqual([urls[2], urls[3]]);
    expect(await t.store.findNewPostings(urls, 'analyst', '0123456789abcdef')).toEqual(urls);
    expect(await t.store.findNewPostings([], 'IT', '0123456789abcdef')).toEqual([]);
  });

  it('stores a failed evaluation as the legacy score 0 but reads it as failed, never as a score', async () => {
    const { id } = await t.store.insertMatch(sampleMatch(1, { overallMatch: null, skillsMatch: 5 }));
    const row = await t.store.getMatch(id);
    expect(row).toMatchObject({ overallMatch: null, skillsMatch: null, evaluationStatus: 'failed' });
    expect((await t.store.listMatches()).items).toHaveLength(0);
    expect((await t.store.listMatches({ status: 'failed' })).items).toHaveLength(1);
  });

  it('finds evaluations of the same CV under other terms for reuse', async () => {
    await t.store.insertMatch(sampleMatch(1, { searchTerm: 'analyst', overallMatch: 4 }));
    await t.store.insertMatch(sampleMatch(2, { searchTerm: 'analyst', overallMatch: null }));
    const reusable = await t.store.findReusableEvaluations(
      [sampleMatch(1).jobUrl, sampleMatch(2).jobUrl],
      '0123456789abcdef',
    );
    expect([...reusable.keys()]).toEqual([sampleMatch(1).jobUrl]);
    expect(reusable.get(sampleMatch(1).jobUrl)).toMatchObject({
      overallMatch: 4,
      scrapedData: { 'Job Title': 'Software Engineer 1' },
    });
  });

  it('lists with filters, every sort, and a cursor that stays stable while rows are inserted', async () => {
    await t.store.insertMatches(Array.from({ length: 30 }, (_, i) => sampleMatch(i)));
    await t.store.insertMatch(sampleMatch(100, { searchTerm: 'analyst', overallMatch: 10 }));
    const filtered = await t.store.listMatches({ searchTerm: 'IT', minScore: 6, location: 'gallen', limit: 200 });
    expect(filtered.items.length).toBeGreaterThan(0);
    for (const m of filtered.items) {
      expect(m.searchTerm).toBe('IT');
      expect(m.overallMatch).toBeGreaterThanOrEqual(6);
      expect(m.location).toContain('Gallen');
    }
    expect(
      (await t.store.listMatches({ q: 'MUSTER AG 3', limit: 200 })).items.every((m) => m.companyName === 'Muster AG 3'),
    ).toBe(true);
    expect((await t.store.listMatches({ q: '100%_', limit: 200 })).items).toHaveLength(0);

    for (const sort of ['score_desc', 'score_asc', 'date_desc', 'date_asc', 'company_asc', 'title_asc'] as const) {
      const all = (await t.store.listMatches({ sort, limit: 200 })).items.map((m) => m.id);
      const paged: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await t.store.listMatches({ sort, limit: 7, ...(cursor ? { cursor } : {}) });
        paged.push(...page.items.map((m) => m.id));
        if (paged.length === 7 && sort === 'score_desc')
          await t.store.insertMatch(sampleMatch(500, { overallMatch: 10 }));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(paged).size).toBe(paged.length);
      expect(paged.filter((id) => all.includes(id))).toEqual(all);
    }
    const scores = (await t.store.listMatches({ limit: 200 })).items.map((m) => m.overallMatch!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('filters by matched day and rejects a bad cursor, limit or date', async () => {
    await t.store.insertMatch(sampleMatch(1, { matchedAt: '2025-11-02 13:15:24' }));
    await t.store.insertMatch(sampleMatch(2, { matchedAt: '2025-11-03T08:00:00.000Z' }));
    const day = await t.store.listMatches({ dateFrom: '2025-11-02', dateTo: '2025-11-02' });
    expect(day.items.map((m) => m.jobUrl)).toEqual([sampleMatch(1).jobUrl]);
    for (const filter of [{ cursor: 'nonsense' }, { limit: 0 }, { limit: 201 }, { dateTo: '2025-13-45' }]) {
      const error = await t.store.listMatches(filter).catch((e: unknown) => e);
      expect(isJobSearchError(error, 'INVALID_INPUT')).toBe(true);
    }
  });

  it('summarises search terms', async () => {
    await t.store.insertMatches([sampleMatch(1), sampleMatch(2), sampleMatch(3, { searchTerm: 'analyst' })]);
    const terms = await t.store.listSearchTerms();
    expect(terms.map((s) => [s.searchTerm, s.matches])).toEqual([
      ['IT', 2],
      ['analyst', 1],
    ]);
  });
});
