import { testProviders } from '@jobsearchai/core/testing';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZCvVersionsResponse, ZSearchTermsResponse } from '../src/schemas/catalog.js';
import { ZStatsResponse } from '../src/schemas/stats.js';
import { CV_A, CV_B, openTestApp, sampleMatch, type TestApp } from './helpers/test-app.js';

const counters = (n: number) => ({
  pagesScraped: n,
  pagesSaved: 10 - n,
  postingsSeen: 10 * n,
  postingsNew: 2 * n,
  postingsDuplicate: 8 * n,
  postingsReused: 1,
  llmCalls: 2 * n - 1,
  llmFailed: 1,
  llmSaved: 8 * n + 1,
  tokensIn: 1500 * n,
  tokensOut: 300 * n,
  costUsd: 0.001 * n,
  costSavedUsd: 0.004 * n,
  flexFallbacks: n - 1,
});

describe.each(testProviders())('search terms, CV versions and stats (%s)', (provider) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(provider);
  });
  afterEach(async () => {
    await t?.cleanup();
  });

  it('lists search terms with their match counts, alphabetically', async () => {
    await t.store.insertMatches([
      sampleMatch(1),
      sampleMatch(2),
      sampleMatch(3, { cvKey: CV_B }),
      sampleMatch(4, { searchTerm: 'analyst' }),
      sampleMatch(5, { searchTerm: 'analyst', overallMatch: null }),
    ]);
    const res = await request(t.app).get('/api/search-terms');
    expect(res.status).toBe(200);
    const body = ZSearchTermsResponse.parse(res.body);
    expect(body.items.map((i) => [i.searchTerm, i.matches, i.cvKeys])).toEqual([
      ['IT', 3, 2],
      ['analyst', 1, 1],
    ]);
  });

  it('lists CV versions, including keys known only from matches', async () => {
    await t.store.upsertCvVersion({
      cvKey: CV_A,
      fileName: 'cv.md',
      filePath: '/cvs/cv.md',
      fileHash: 'a'.repeat(64),
      summary: 'Engineer',
      extractedText: 'text',
    });
    await t.store.insertMatches([sampleMatch(1), sampleMatch(2), sampleMatch(3, { cvKey: CV_B })]);
    const body = ZCvVersionsResponse.parse((await request(t.app).get('/api/cv-versions')).body);
    expect(body.items.map((i) => [i.cvKey, i.fileName, i.hasText, i.evaluations])).toEqual([
      [CV_A, 'cv.md', true, 2],
      [CV_B, '', false, 1],
    ]);
  });

  it('returns empty lists and zero stats for an empty database', async () => {
    expect((await request(t.app).get('/api/search-terms')).body).toEqual({ items: [] });
    expect((await request(t.app).get('/api/cv-versions')).body).toEqual({ items: [] });
    const stats = ZStatsResponse.parse((await request(t.app).get('/api/stats')).body);
    expect(stats.totals).toMatchObject({ runs: 0, llmCalls: 0, duplicateRate: null, llmSavedRate: null });
    expect(stats.days).toEqual([]);
  });

  it('sums the run ledger: totals, per day, rates and database counts', async () => {
    for (const n of [1, 3]) {
      const run = await t.store.createRun({
        searchTerm: 'IT',
        cvKey: CV_A,
        source: 'demo-board',
        matcher: 'heuristic',
        model: 'heuristic-v1',
        maxPages: 10,
      });
      await t.store.finishRun(run.id, { status: 'completed', stopReason: 'early_exit', counters: counters(n) });
    }
    await t.store.insertMatches([sampleMatch(1), sampleMatch(2, { overallMatch: null })]);
    const res = await request(t.app).get('/api/stats');
    expect(res.status).toBe(200);
    const stats = ZStatsResponse.parse(res.body);
    expect(stats.totals).toMatchObject({
      runs: 2,
      pagesScraped: 4,
      pagesSaved: 16,
      postingsSeen: 40,
      postingsNew: 8,
      postingsDuplicate: 32,
      postingsReused: 2,
      llmCalls: 6,
      llmFailed: 2,
      llmSaved: 34,
      tokensIn: 6000,
      tokensOut: 1200,
      flexFallbacks: 2,
      duplicateRate: 0.8,
      llmSavedRate: 0.85,
    });
    expect(stats.totals.costUsd).toBeCloseTo(0.004, 10);
    expect(stats.totals.costSavedUsd).toBeCloseTo(0.016, 10);
    const today = new Date().toISOString().slice(0, 10);
    expect(stats.days).toHaveLength(1);
    expect(stats.days[0]).toMatchObject({ day: today, runs: 2, llmSaved: 34 });
    expect(stats.database).toEqual({
      matches: 2,
      failedEvaluations: 1,
      cvVersions: 0,
      searchRuns: 2,
      legacyImports: 0,
    });

    // from and to are inclusive days.
    const inRange = ZStatsResponse.parse((await request(t.app).get(`/api/stats?from=${today}&to=${today}`)).body);
    expect(inRange).toMatchObject({ from: today, to: today, totals: { runs: 2 } });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await request(t.app).get(`/api/stats?from=${tomorrow}`)).body.totals.runs).toBe(0);
    expect((await request(t.app).get(`/api/stats?to=${yesterday}`)).body.days).toEqual([]);
  });
});
