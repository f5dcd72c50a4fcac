import { testProviders } from '@jobsearchai/core/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZMatchDetailResponse, ZMatchPage } from '../src/schemas/matches.js';
import { CV_A, CV_B, openTestApp, PROBLEM_TYPE, sampleMatch, type TestApp } from './helpers/test-app.js';

type Item = {
  id: number;
  overallMatch: number | null;
  matchedAt: string | null;
  companyName: string | null;
  jobTitle: string | null;
  searchTerm: string;
  cvKey: string;
  location: string | null;
  evaluationStatus: string;
};

describe.each(testProviders())('GET /api/matches (%s)', (provider) => {
  let t: TestApp;
  const ids: number[] = [];

  beforeAll(async () => {
    t = await openTestApp(provider);
    const rows = [
      ...Array.from({ length: 30 }, (_, i) => sampleMatch(i)),
      sampleMatch(100, {
        searchTerm: 'analyst',
        jobTitle: 'Data Analyst',
        companyName: 'Zahlen GmbH',
        location: '9500 Wil',
        overallMatch: 9,
      }),
      sampleMatch(101, {
        cvKey: CV_B,
        jobTitle: 'DevOps Engineer',
        companyName: 'Cloudwerk AG',
        location: '8001 Zürich',
        overallMatch: 6,
      }),
      sampleMatch(102, { overallMatch: null, reasoning: 'Error evaluating match', jobTitle: 'Failed One' }),
      sampleMatch(103, { companyName: null, jobTitle: 'Anonymous posting', overallMatch: 5 }),
      sampleMatch(104, { jobTitle: '100% Remote_Engineer', companyName: 'Prozent AG', overallMatch: 4 }),
    ];
    const result = await t.store.insertMatches(rows);
    expect(result.inserted).toBe(rows.length);
    const page = await t.store.listMatches({ status: 'all', limit: 200 });
    ids.push(...page.items.map((item) => item.id));
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  async function list(query: string): Promise<{ items: Item[]; nextCursor: string | null }> {
    const res = await request(t.app).get(`/api/matches${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return ZMatchPage.parse(res.body) as { items: Item[]; nextCursor: string | null };
  }

  it('lists evaluated matches by score, best first, 50 a page by default, in the documented shape', async () => {
    const page = await list('');
    expect(page.items).toHaveLength(34); // 35 rows, one failed evaluation
    expect(page.nextCursor).toBeNull();
    const scores = page.items.map((item) => item.overallMatch!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(page.items.every((item) => item.evaluationStatus === 'evaluated')).toBe(true);
    // List rows leave out the long reasoning text; the detail has it.
    const raw = await request(t.app).get('/api/matches?limit=1');
    expect(raw.body.items[0]).not.toHaveProperty('reasoning');
    expect(raw.body.items[0]).toHaveProperty('overallMatch');
  });

  it('filters by search_term (exact) and cv_key (case folded)', async () => {
    expect((await list('?search_term=analyst')).items.map((i) => i.jobTitle)).toEqual(['Data Analyst']);
    expect((await list('?search_term=Analyst')).items).toEqual([]);
    expect((await list(`?cv_key=${CV_B.toUpperCase()}`)).items.map((i) => i.jobTitle)).toEqual(['DevOps Engineer']);
    const both = await list(`?search_term=IT&cv_key=${CV_A}`);
    expect(both.items.every((i) => i.searchTerm === 'IT' && i.cvKey === CV_A)).toBe(true);
    expect(both.items).toHaveLength(32);
  });

  it('filters by min_score and max_score, inclusive', async () => {
    const high = await list('?min_score=8');
    expect(high.items.length).toBeGreaterThan(0);
    expect(high.items.every((i) => i.overallMatch! >= 8)).toBe(true);
    const band = await list('?min_score=4&max_score=5');
    expect(band.items.every((i) => i.overallMatch! >= 4 && i.overallMatch! <= 5)).toBe(true);
    expect(band.items.map((i) => i.jobTitle)).toContain('Anonymous posting');
    expect((await list('?min_score=10&max_score=10')).items.every((i) => i.overallMatch === 10)).toBe(true);
  });

  it('filters by q over title, company and location, case-insensitively and literally', async () => {
    expect((await list('?q=data%20analyst')).items.map((i) => i.jobTitle)).toEqual(['Data Analyst']);
    expect((await list('?q=CLOUDWERK')).items.map((i) => i.jobTitle)).toEqual(['DevOps Engineer']);
    expect((await list('?q=wil')).items.map((i) => i.jobTitle)).toEqual(['Data Analyst']);
    // % and _ are text, not wildcards.
    expect((await list('?q=100%25')).items.map((i) => i.jobTitle)).toEqual(['100% Remote_Engineer']);
    // As a wildcard e_e would also match "Software Engineer" ("e E").
    expect((await list('?q=e_e')).items.map((i) => i.jobTitle)).toEqual(['100% Remote_Engineer']);
  });

  it('filters by location substring', async () => {
    const page = await list('?location=st.%20gallen');
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i) => i.location === '9000 St. Gallen')).toBe(true);
  });

  it('filters by matched day, both ends inclusive', async () => {
    const one = await list('?date_from=2026-03-05&date_to=2026-03-05');
    expect(one.items.length).toBeGreaterThan(0);
    expect(one.items.every((i) => i.matchedAt!.startsWith('2026-03-05'))).toBe(true);
    const range = await list('?date_from=2026-03-27');
    expect(range.items.every((i) => i.matchedAt! >= '2026-03-27')).toBe(true);
    expect((await list('?date_to=2026-02-28')).items).toEqual([]);
  });

  it('filters by status: failed evaluations are separate, all shows both', async () => {
    const failed = await list('?status=failed');
    expect(failed.items.map((i) => [i.jobTitle, i.overallMatch, i.evaluationStatus])).toEqual([
      ['Failed One', null, 'failed'],
    ]);
    expect((await list('?status=all')).items).toHaveLength(35);
  });

  it.each([
    ['score_desc', (a: Item, b: Item) => b.overallMatch! - a.overallMatch! || b.id - a.id],
    ['score_asc', (a: Item, b: Item) => a.overallMatch! - b.overallMatch! || a.id - b.id],
    ['date_desc', (a: Item, b: Item) => cmp(b.matchedAt, a.matchedAt) || b.id - a.id],
    ['date_asc', (a: Item, b: Item) => cmp(a.matchedAt, b.matchedAt) || a.id - b.id],
    ['company_asc', (a: Item, b: Item) => nullsLast(a.companyName, b.companyName) || a.id - b.id],
    ['title_asc', (a: Item, b: Item) => nullsLast(a.jobTitle, b.jobTitle) || a.id - b.id],
  ] as const)('sorts by %s', async (sort, compare) => {
    const page = await list(`?sort=${sort}&limit=200`);
    expect(page.items.map((i) => i.id)).toEqual([...page.items].sort(compare).map((i) => i.id));
    if (sort === 'company_asc') expect(page.items.at(-1)!.companyName).toBeNull();
  });

  it('accepts limit 1 and 200 and paginates with nextCursor', async () => {
    const one = await list('?limit=1');
    expect(one.items).toHaveLength(1);
    expect(one.nextCursor).toEqual(expect.any(String));
    expect((await list('?limit=200')).items).toHaveLength(34);
  });

  it('returns one match with its scraped data and the other evaluations of the same URL', async () => {
    const url = sampleMatch(5).jobUrl;
    const same = await t.store.insertMatch(sampleMatch(5, { searchTerm: 'Informatik', overallMatch: 2 }));
    const original = (await t.store.getMatchesByUrl(url)).find((m) => m.searchTerm === 'IT')!;
    const res = await request(t.app).get(`/api/matches/${original.id}`);
    expect(res.status).toBe(200);
    const body = ZMatchDetailResponse.parse(res.body);
    expect(body.match).toMatchObject({
      id: original.id,
      jobUrl: url,
      searchTerm: 'IT',
      reasoning: expect.stringContaining('Die Stelle passt'),
      scrapedData: { 'Job Title': 'Software Engineer 5' },
    });
    expect(body.otherEvaluations.map((m) => [m.id, m.searchTerm])).toEqual([[same.id, 'Informatik']]);
    expect(body.otherEvaluations[0]).not.toHaveProperty('scrapedData');
  });

  it('answers 404 as a problem for an unknown id, and 400 for an id that is not one', async () => {
    const missing = await request(t.app).get('/api/matches/999999');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(PROBLEM_TYPE);
    expect(missing.body).toMatchObject({ status: 404, code: 'NOT_FOUND', detail: 'Match 999999 does not exist.' });
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999999999999']) {
      const res = await request(t.app).get(`/api/matches/${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.detail).toMatch(/^Path parameter "id" (must be a positive whole number|is too large)/);
    }
  });
});

describe.each(testProviders())('GET /api/matches cursor pagination while rows are inserted (%s)', (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(provider);
    await t.store.insertMatches(
      Array.from({ length: 40 }, (_, i) => sampleMatch(i, { companyName: i % 5 === 0 ? null : `Firma ${i % 9}` })),
    );
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it.each(['score_desc', 'score_asc', 'date_desc', 'date_asc', 'company_asc', 'title_asc'])(
    'walks every row exactly once with sort=%s',
    async (sort) => {
      const before = (await request(t.app).get(`/api/matches?sort=${sort}&limit=200`)).body.items.map(
        (i: Item) => i.id,
      ) as number[];
      const seen: number[] = [];
      let cursor: string | null = null;
      let inserted = 0;
      do {
        const res = await request(t.app).get(`/api/matches?sort=${sort}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((i: Item) => i.id));
        cursor = res.body.nextCursor;
        // New matches arrive between page requests, sorting before and after the current position.
        const n =
          1000 +
          inserted++ +
          before.length *
            ['score_desc', 'score_asc', 'date_desc', 'date_asc', 'company_asc', 'title_asc'].indexOf(sort);
        await t.store.insertMatches([
          sampleMatch(n, {
            overallMatch: 10,
            matchedAt: '2026-04-30T00:00:00.000Z',
            companyName: 'AAA',
            jobTitle: 'AAA',
          }),
          sampleMatch(n + 500, {
            overallMatch: 1,
            matchedAt: '2026-01-01T00:00:00.000Z',
            companyName: 'ZZZ',
            jobTitle: 'ZZZ',
          }),
        ]);
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      // Every row that existed at the start is seen once, in the order of the first listing.
      expect(seen.filter((id) => before.includes(id))).toEqual(before);
    },
  );

  it('rejects a cursor of another sort and a forged cursor with 400', async () => {
    const byScore = (await request(t.app).get('/api/matches?limit=2')).body.nextCursor as string;
    const res = await request(t.app).get(`/api/matches?sort=company_asc&cursor=${byScore}`);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/"cursor" is not a cursor for sort=company_asc/);
    const forged = Buffer.from(JSON.stringify(['x', 1])).toString('base64url');
    expect((await request(t.app).get(`/api/matches?cursor=${forged}`)).status).toBe(400);
    expect((await request(t.app).get('/api/matches?cursor=not-a-cursor')).status).toBe(400);
  });
});

function cmp(a: string | null, b: string | null): number {
  return a === b ? 0 : (a ?? '') < (b ?? '') ? -1 : 1;
}

function nullsLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
