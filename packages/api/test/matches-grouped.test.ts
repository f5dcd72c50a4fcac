import { testProviders, testSql } from '@jobsearchai/core/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZMatchPage } from '../src/schemas/matches.js';
import { CV_A, CV_B, openTestApp, sampleMatch, type TestApp } from './helpers/test-app.js';

describe.each(testProviders())(
  'GET /api/matches: one row per posting, with its application status (%s)',
  (provider) => {
    let t: TestApp;
    const url = (n: number) => sampleMatch(n).jobUrl;

    beforeAll(async () => {
      t = await openTestApp(provider);
      await t.store.insertMatches([
        sampleMatch(1, { searchTerm: 'IT', overallMatch: 7 }),
        sampleMatch(1, { searchTerm: 'Informatik', overallMatch: 9, salaryRange: '60-80%' }),
        sampleMatch(1, { searchTerm: 'IT', cvKey: CV_B, overallMatch: 4 }),
        sampleMatch(2, { searchTerm: 'IT', overallMatch: 8 }),
        sampleMatch(3, { searchTerm: 'IT', overallMatch: 6 }),
        sampleMatch(4, { searchTerm: 'IT', overallMatch: 5 }),
      ]);
      const sql = testSql(t.store);
      const id = async (n: number, term: string) =>
        (
          await sql.query<{ id: number }>(
            'SELECT id FROM job_matches WHERE job_url = ? AND search_term = ? AND cv_key = ?',
            [url(n), term, CV_A],
          )
        )[0]!.id;
      const apply = async (matchId: number, status: string, updatedAt: string) =>
        sql.execute('INSERT INTO applications (job_match_id, status, updated_at) VALUES (?, ?, ?)', [
          matchId,
          status,
          updatedAt,
        ]);
      // Posting 1: applied under one term, the interview recorded later under the other.
      await apply(await id(1, 'IT'), 'APPLIED', '2026-03-01 10:00:00');
      await apply(await id(1, 'Informatik'), 'INTERVIEW', '2026-03-08T09:00:00.000Z');
      await apply(await id(2, 'IT'), 'REJECTED', '2026-03-02 10:00:00');
      await apply(await id(3, 'IT'), 'ARCHIVED', '2026-03-02 10:00:00');
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    async function list(query: string) {
      const res = await request(t.app).get(`/api/matches${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return ZMatchPage.parse(res.body).items;
    }

    it('lists a posting found under two terms once, with both terms, its best evaluation and its status', async () => {
      const items = await list('');
      expect(items.map((i) => [i.jobUrl, i.cvKey, i.searchTerm, i.overallMatch, i.applicationStatus])).toEqual([
        [url(1), CV_A, 'Informatik', 9, 'INTERVIEW'],
        [url(2), CV_A, 'IT', 8, 'REJECTED'],
        [url(3), CV_A, 'IT', 6, 'ARCHIVED'],
        [url(4), CV_A, 'IT', 5, 'MATCHED'],
        [url(1), CV_B, 'IT', 4, 'MATCHED'],
      ]);
      expect(items[0]).toMatchObject({
        searchTerms: ['IT', 'Informatik'],
        evaluationCount: 2,
        bestScore: 9,
        postingDate: '02.11.2025',
        salaryRange: '60-80%',
      });
      const underIt = await list(`?search_term=IT&cv_key=${CV_A}`);
      // Under IT alone, posting 1 is represented by its IT evaluation (7) and sorts after posting 2 (8).
      expect(underIt.map((i) => [i.jobUrl, i.searchTerm, i.overallMatch, i.bestScore])).toEqual([
        [url(2), 'IT', 8, 8],
        [url(1), 'IT', 7, 9],
        [url(3), 'IT', 6, 6],
        [url(4), 'IT', 5, 5],
      ]);
    });

    it('filters by application status (comma-separated, any case) and hides rejected and archived', async () => {
      const urls = async (query: string) => (await list(query)).map((i) => `${i.jobUrl} ${i.cvKey}`);
      expect(await urls('?application_status=INTERVIEW,rejected')).toEqual([`${url(1)} ${CV_A}`, `${url(2)} ${CV_A}`]);
      expect(await urls('?application_status=APPLIED')).toEqual([]);
      expect(await urls('?application_status=MATCHED')).toEqual([`${url(4)} ${CV_A}`, `${url(1)} ${CV_B}`]);
      expect(await urls('?hide_closed=true')).toEqual([`${url(1)} ${CV_A}`, `${url(4)} ${CV_A}`, `${url(1)} ${CV_B}`]);
      expect(await urls('?hide_closed=false')).toHaveLength(5);
    });

    it('pages the grouped rows with a cursor that names the sort', async () => {
      const first = await request(t.app).get('/api/matches?limit=2&hide_closed=true');
      expect(first.body.items).toHaveLength(2);
      const second = await request(t.app).get(`/api/matches?limit=2&hide_closed=true&cursor=${first.body.nextCursor}`);
      expect(second.status).toBe(200);
      expect(second.body.items.map((i: { jobUrl: string; cvKey: string }) => `${i.jobUrl} ${i.cvKey}`)).toEqual([
        `${url(1)} ${CV_B}`,
      ]);
      expect(second.body.nextCursor).toBeNull();
    });
  },
);
