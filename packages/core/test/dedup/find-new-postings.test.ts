import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findNewOnPage, takeUnseen } from '../../src/dedup/find-new-postings.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';
import { CV_KEY, evaluation, jobUrl, OTHER_CV_KEY } from './dedup-fixtures.js';

describe('takeUnseen', () => {
  it('keeps the URLs no earlier page showed, in page order, and remembers the whole page', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(20)), fc.uniqueArray(fc.nat(20)), (earlier, page) => {
        const seen = new Set(earlier.map(jobUrl));
        const urls = page.map(jobUrl);
        const unseen = takeUnseen(urls, seen);
        expect(unseen).toEqual(urls.filter((url) => !earlier.map(jobUrl).includes(url)));
        for (const url of urls) expect(seen.has(url)).toBe(true);
        expect(takeUnseen(urls, seen)).toEqual([]);
      }),
    );
  });
});

describe.each(testProviders())('findNewOnPage (%s)', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
  });
  afterEach(async () => {
    await t.cleanup();
  });
  const key = { searchTerm: 'IT', cvKey: CV_KEY };

  it('finds every posting new on an empty store, in page order', async () => {
    const urls = [jobUrl(3), jobUrl(1), jobUrl(2)];
    expect(await findNewOnPage(t.store, urls, key, new Set())).toEqual({ fresh: urls, duplicates: 0 });
  });

  it('counts a posting evaluated for this term and CV as a duplicate, and everything else as new', async () => {
    await t.store.insertMatches([
      evaluation(1),
      evaluation(2, { overallMatch: null, reasoning: 'Error evaluating match' }),
      evaluation(3, { searchTerm: 'analyst' }),
      evaluation(4, { cvKey: OTHER_CV_KEY }),
      evaluation(5, { overallMatch: 1 }),
    ]);
    const urls = [1, 2, 3, 4, 5, 6].map(jobUrl);
    const page = await findNewOnPage(t.store, urls, key, new Set());
    // 2 failed (retried), 3 under another term (reused later), 4 for another CV, 6 never seen.
    expect(page).toEqual({ fresh: [2, 3, 4, 6].map(jobUrl), duplicates: 2 });
  });

  it('counts a posting shown on an earlier page of the run as a duplicate without asking the store again', async () => {
    const asked: string[][] = [];
    const spy = {
      findNewPostings: (urls: readonly string[], searchTerm: string, cvKey: string) => {
        asked.push([...urls]);
        return t.store.findNewPostings(urls, searchTerm, cvKey);
      },
    };
    const seenInRun = new Set<string>();
    const first = await findNewOnPage(spy, [1, 2, 3].map(jobUrl), key, seenInRun);
    const second = await findNewOnPage(spy, [3, 4].map(jobUrl), key, seenInRun);
    expect(first).toEqual({ fresh: [1, 2, 3].map(jobUrl), duplicates: 0 });
    expect(second).toEqual({ fresh: [jobUrl(4)], duplicates: 1 });
    expect(asked).toEqual([[1, 2, 3].map(jobUrl), [jobUrl(4)]]);
  });
});
