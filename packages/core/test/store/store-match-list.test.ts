import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApplicationStatus } from '../../src/applications.js';
import { isJobSearchError } from '../../src/errors.js';
import { testSql } from '../../src/testing/sql-for-tests.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';
import type { MatchFilter, MatchListRow } from '../../src/store/types.js';
import { sampleMatch } from './fixtures.js';

const CV = '0123456789abcdef';
const OTHER_CV = 'fedcba9876543210';
const url = (n: number) => sampleMatch(n).jobUrl;

describe.each(testProviders())('store: the matches list, one row per posting (%s)', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  async function idOf(n: number, searchTerm: string, cvKey = CV): Promise<number> {
    const [row] = await testSql(t.store).query<{ id: number }>(
      'SELECT id FROM job_matches WHERE job_url = ? AND search_term = ? AND cv_key = ?',
      [url(n), searchTerm, cvKey],
    );
    return Number(row!.id);
  }

  /** What the legacy tracker writes: one applications row per evaluation. */
  async function setApplication(matchId: number, status: ApplicationStatus, updatedAt: string): Promise<void> {
    await testSql(t.store).execute('INSERT INTO applications (job_match_id, status, updated_at) VALUES (?, ?, ?)', [
      matchId,
      status,
      updatedAt,
    ]);
  }

  async function list(filter: MatchFilter = {}): Promise<MatchListRow[]> {
    return (await t.store.listMatches({ limit: 200, ...filter })).items;
  }

  const rowKey = (row: MatchListRow) => `${row.jobUrl} ${row.cvKey}`;

  it('lists a posting found under several terms once, represented by its best matching evaluation', async () => {
    await t.store.insertMatches([
      sampleMatch(1, { searchTerm: 'IT', overallMatch: 6, matchedAt: '2025-11-01T08:00:00.000Z' }),
      sampleMatch(1, { searchTerm: 'analyst', overallMatch: 8, matchedAt: '2025-11-02T08:00:00.000Z' }),
      sampleMatch(1, { searchTerm: 'dev', overallMatch: 8, matchedAt: '2025-11-03 08:00:00' }),
      sampleMatch(1, { searchTerm: 'IT', cvKey: OTHER_CV, overallMatch: 3 }),
      sampleMatch(2, { searchTerm: 'IT', overallMatch: null, reasoning: 'Error evaluating match' }),
      sampleMatch(2, { searchTerm: 'analyst', overallMatch: 5 }),
    ]);
    const rows = await list();
    expect(rows.map((r) => [r.jobUrl, r.cvKey, r.searchTerm, r.overallMatch])).toEqual([
      // Score 8 twice: the lower id (analyst, stored first) represents the posting.
      [url(1), CV, 'analyst', 8],
      [url(2), CV, 'analyst', 5],
      [url(1), OTHER_CV, 'IT', 3],
    ]);
    expect(rows[0]).toMatchObject({
      id: await idOf(1, 'analyst'),
      searchTerms: ['IT', 'analyst', 'dev'],
      evaluationCount: 3,
      bestScore: 8,
      applicationStatus: 'MATCHED',
      postingDate: '02.11.2025',
      salaryRange: '80-100%',
    });
    // The failed evaluation counts and names its term, but never gives the posting a score.
    expect(rows[1]).toMatchObject({ searchTerms: ['IT', 'analyst'], evaluationCount: 2, bestScore: 5 });
    expect(rows[2]).toMatchObject({ searchTerms: ['IT'], evaluationCount: 1 });

    // Filters select evaluations: the posting is represented by its best evaluation that matches.
    const underIt = await list({ searchTerm: 'IT' });
    expect(underIt.map((r) => [r.jobUrl, r.cvKey, r.searchTerm, r.overallMatch, r.bestScore])).toEqual([
      [url(1), CV, 'IT', 6, 8],
      [url(1), OTHER_CV, 'IT', 3, 3],
    ]);
    expect((await list({ maxScore: 7, cvKey: CV })).map((r) => [r.jobUrl, r.searchTerm])).toEqual([
      [url(1), 'IT'],
      [url(2), 'analyst'],
    ]);
    expect((await list({ minScore: 7 })).map((r) => r.id)).toEqual([await idOf(1, 'analyst')]);
    expect((await list({ dateFrom: '2025-11-03', dateTo: '2025-11-03' })).map((r) => r.id)).toEqual([
      await idOf(1, 'dev'),
    ]);
    const failed = await list({ status: 'failed' });
    expect(failed.map((r) => [r.jobUrl, r.searchTerm, r.overallMatch, r.bestScore])).toEqual([[url(2), 'IT', null, 5]]);
    const all = await list({ status: 'all', sort: 'score_asc' });
    expect(all.map((r) => [r.jobUrl, r.cvKey, r.overallMatch])).toEqual([
      [url(1), OTHER_CV, 3],
      [url(2), CV, 5],
      [url(1), CV, 8],
    ]);
  });

  it('compares legacy and ISO update times as times, as the tracker does', async () => {
    await t.store.insertMatches([sampleMatch(1, { searchTerm: 'IT' }), sampleMatch(1, { searchTerm: 'analyst' })]);
    // The same day: this release's ISO write in the morning, the legacy app's write in the evening.
    await setApplication(await idOf(1, 'IT'), 'APPLIED', '2025-11-06T08:00:00.000Z');
    await setApplication(await idOf(1, 'analyst'), 'INTERVIEW', '2025-11-06 18:00:00');
    const [row] = await list();
    expect(row!.applicationStatus).toBe('INTERVIEW');
    expect((await t.store.getApplication({ jobUrl: url(1), cvKey: CV }))?.status).toBe('INTERVIEW');
    expect(await list({ applicationStatuses: ['INTERVIEW'] })).toHaveLength(1);
  });

  it('reads the application status per URL and CV from the most recently updated applications row', async () => {
    await t.store.insertMatches([
      sampleMatch(1, { searchTerm: 'IT' }),
      sampleMatch(1, { searchTerm: 'analyst' }),
      sampleMatch(1, { searchTerm: 'IT', cvKey: OTHER_CV }),
      sampleMatch(2, { searchTerm: 'IT' }),
      sampleMatch(2, { searchTerm: 'analyst' }),
      sampleMatch(3),
      sampleMatch(4),
      sampleMatch(5),
    ]);
    // Posting 1: applied under IT, later moved to interview under the other term's evaluation.
    await setApplication(await idOf(1, 'analyst'), 'INTERVIEW', '2025-11-04 09:00:00');
    await setApplication(await idOf(1, 'IT'), 'APPLIED', '2025-11-03 10:00:00');
    // Posting 2: the same update time twice: the later applications row (higher id) wins.
    await setApplication(await idOf(2, 'IT'), 'INTERESTED', '2025-11-05 10:00:00');
    await setApplication(await idOf(2, 'analyst'), 'REJECTED', '2025-11-05 10:00:00');
    await setApplication(await idOf(3, 'IT'), 'ARCHIVED', '2025-11-01 10:00:00');
    await setApplication(await idOf(4, 'IT'), 'OFFER', '2025-11-01 10:00:00');

    const statuses = new Map((await list()).map((r) => [rowKey(r), r.applicationStatus]));
    expect(Object.fromEntries(statuses)).toEqual({
      [`${url(1)} ${CV}`]: 'INTERVIEW',
      // The status is per CV: the other CV's evaluation of the same URL has none.
      [`${url(1)} ${OTHER_CV}`]: 'MATCHED',
      [`${url(2)} ${CV}`]: 'REJECTED',
      [`${url(3)} ${CV}`]: 'ARCHIVED',
      [`${url(4)} ${CV}`]: 'OFFER',
      [`${url(5)} ${CV}`]: 'MATCHED',
    });

    const keys = async (filter: MatchFilter) => (await list(filter)).map(rowKey).sort();
    expect(await keys({ applicationStatuses: ['INTERVIEW', 'OFFER'] })).toEqual(
      [`${url(1)} ${CV}`, `${url(4)} ${CV}`].sort(),
    );
    // APPLIED is only the older row of posting 1: it no longer counts.
    expect(await keys({ applicationStatuses: ['APPLIED'] })).toEqual([]);
    expect(await keys({ applicationStatuses: ['MATCHED'] })).toEqual(
      [`${url(1)} ${OTHER_CV}`, `${url(5)} ${CV}`].sort(),
    );
    expect(await keys({ hideClosed: true })).toEqual(
      [`${url(1)} ${CV}`, `${url(1)} ${OTHER_CV}`, `${url(4)} ${CV}`, `${url(5)} ${CV}`].sort(),
    );
    expect(await keys({ hideClosed: true, applicationStatuses: ['REJECTED', 'OFFER'] })).toEqual([`${url(4)} ${CV}`]);
    expect(await keys({ applicationStatuses: ['INTERVIEW'], searchTerm: 'IT' })).toEqual([`${url(1)} ${CV}`]);

    const error = await t.store
      .listMatches({ applicationStatuses: ['SENT' as ApplicationStatus] })
      .catch((e: unknown) => e);
    expect(isJobSearchError(error, 'INVALID_INPUT')).toBe(true);
  });

  it('pages every sort with no posting twice or skipped, while better and new evaluations arrive', async () => {
    const seed = [];
    for (let n = 0; n < 24; n++) {
      seed.push(
        sampleMatch(n, { searchTerm: 'IT', matchedAt: `2025-11-${String(1 + (n % 9)).padStart(2, '0')} 10:00:00` }),
      );
      if (n % 2 === 0)
        seed.push(sampleMatch(n, { searchTerm: 'analyst', overallMatch: ((n + 3) % 10) + 1, companyName: null }));
    }
    await t.store.insertMatches(seed);
    let extra = 1000;
    const sorts = ['score_desc', 'score_asc', 'date_desc', 'date_asc', 'company_asc', 'title_asc'] as const;
    for (const [round, sort] of sorts.entries()) {
      const before = await list({ sort });
      // 24 postings (36 evaluations), plus the new posting each earlier round stored.
      expect(before).toHaveLength(24 + round);
      const paged: MatchListRow[] = [];
      let cursor: string | undefined;
      do {
        const page = await t.store.listMatches({ sort, limit: 5, ...(cursor ? { cursor } : {}) });
        paged.push(...page.items);
        if (paged.length === 5) {
          // A better evaluation of a posting still to come, of one already shown, and a new posting.
          const shown = new Set(paged.map((r) => r.jobUrl));
          const pending = before.find((r) => !shown.has(r.jobUrl))!;
          const done = paged[paged.length - 1]!;
          for (const row of [pending, done]) {
            await t.store.insertMatch({
              ...sampleMatch(Number(row.jobUrl.split('/').pop()) - 1_030_000),
              searchTerm: `term-${extra++}`,
              overallMatch: 10,
              matchedAt: '2025-12-01 10:00:00',
            });
          }
          await t.store.insertMatch(sampleMatch(extra++, { overallMatch: 10 }));
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(paged.map(rowKey)).toEqual(before.map(rowKey));
      expect(paged.map((r) => r.id)).toEqual(before.map((r) => r.id));
      const after = await list({ sort });
      // The next listing sees what arrived: one more posting, the improved ones at their new place.
      expect(after).toHaveLength(before.length + 1);
      expect(new Set(after.map(rowKey)).size).toBe(after.length);
    }
  });

  it('rejects a cursor of the per-evaluation list', async () => {
    await t.store.insertMatch(sampleMatch(1));
    const old = Buffer.from(JSON.stringify([5, 1])).toString('base64url');
    const error = await t.store.listMatches({ cursor: old }).catch((e: unknown) => e);
    expect(isJobSearchError(error, 'INVALID_INPUT')).toBe(true);
    expect((await t.store.listMatches({ limit: 1 })).nextCursor).toBeNull();
  });
});
