import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isJobSearchError } from '../../src/errors.js';
import { openStore } from '../../src/store/open-store.js';
import type { RunCounters } from '../../src/store/types.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';
import { sampleMatch } from './fixtures.js';
import { testSql } from '../../src/testing/sql-for-tests.js';

const counters = (over: Partial<RunCounters> = {}): RunCounters => ({
  pagesScraped: 1,
  pagesSaved: 9,
  postingsSeen: 10,
  postingsNew: 0,
  postingsDuplicate: 10,
  postingsReused: 0,
  llmCalls: 0,
  llmFailed: 0,
  llmSaved: 10,
  tokensIn: 0,
  tokensOut: 0,
  costUsd: 0,
  costSavedUsd: 0.002,
  flexFallbacks: 2,
  ...over,
});

describe.each(testProviders())('store: runs, ledgers, CV versions, imports (%s)', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('records a run from start to finish with its counters', async () => {
    const run = await t.store.createRun({
      searchTerm: 'IT',
      cvKey: '0123456789abcdef',
      source: 'demo',
      matcher: 'heuristic',
      model: 'heuristic-v1',
      maxPages: 10,
    });
    // A new row leaves flex_fallbacks NULL, as in runs recorded before it was counted: it reads as 0.
    expect(run).toMatchObject({ status: 'running', pagesScraped: 0, flexFallbacks: 0, finishedAt: null });
    await t.store.updateRunCounters(run.id, counters({ pagesScraped: 3 }));
    expect((await t.store.getRun(run.id))?.pagesScraped).toBe(3);
    const done = await t.store.finishRun(run.id, {
      status: 'completed',
      stopReason: 'early_exit',
      counters: counters(),
    });
    expect(done).toMatchObject({
      status: 'completed',
      stopReason: 'early_exit',
      pagesSaved: 9,
      llmSaved: 10,
      costSavedUsd: 0.002,
      flexFallbacks: 2,
    });
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
    expect(await t.store.getRun(9999)).toBeNull();
    expect(
      isJobSearchError(
        await t.store.finishRun(9999, { status: 'failed', counters: counters() }).catch((e: unknown) => e),
        'NOT_FOUND',
      ),
    ).toBe(true);
  });

  it('lists runs newest first with filters and marks running ones interrupted', async () => {
    const a = await t.store.createRun({
      searchTerm: 'IT',
      cvKey: '0123456789abcdef',
      source: 'demo',
      matcher: 'heuristic',
      model: null,
      maxPages: 5,
    });
    const b = await t.store.createRun({
      searchTerm: 'analyst',
      cvKey: '0123456789abcdef',
      source: 'demo',
      matcher: 'heuristic',
      model: null,
      maxPages: 5,
    });
    await t.store.finishRun(a.id, { status: 'completed', counters: counters() });
    expect((await t.store.listRuns()).map((r) => r.id)).toEqual([b.id, a.id]);
    expect((await t.store.listRuns({ searchTerm: 'IT' })).map((r) => r.id)).toEqual([a.id]);
    expect((await t.store.listRuns({ beforeId: b.id })).map((r) => r.id)).toEqual([a.id]);
    expect(await t.store.markRunsInterrupted()).toBe(1);
    expect((await t.store.getRun(b.id))?.status).toBe('interrupted');
  });

  it('aggregates deduplication savings per day', async () => {
    for (const c of [counters({ llmCalls: 10, llmSaved: 0, costUsd: 0.01 }), counters()]) {
      const run = await t.store.createRun({
        searchTerm: 'IT',
        cvKey: '0123456789abcdef',
        source: 'demo',
        matcher: 'openai',
        model: 'gpt-4o-mini',
        maxPages: 10,
      });
      await t.store.finishRun(run.id, { status: 'completed', counters: c });
    }
    const stats = await t.store.dedupStats();
    expect(stats.totals).toMatchObject({ runs: 2, llmCalls: 10, llmSaved: 10, pagesSaved: 18 });
    expect(stats.totals.costUsd).toBeCloseTo(0.01);
    expect(stats.days).toHaveLength(1);
    expect(stats.days[0]!.day).toBe(new Date().toISOString().slice(0, 10));
    expect((await t.store.dedupStats({ from: '2999-01-01' })).totals.runs).toBe(0);
  });

  it("sums one matcher's runs: evaluations it made and calls deduplication saved, per day and in a range", async () => {
    const runs: [string, Partial<RunCounters>][] = [
      ['heuristic', { postingsNew: 12, postingsReused: 2, llmSaved: 8 }],
      ['heuristic', { postingsNew: 0, llmSaved: 10 }],
      ['openai', { postingsNew: 7, llmCalls: 7, llmSaved: 3 }],
    ];
    for (const [matcher, over] of runs) {
      const run = await t.store.createRun({
        searchTerm: `term-${matcher}-${over.postingsNew}`,
        cvKey: '0123456789abcdef',
        source: 'demo',
        matcher,
        model: null,
        maxPages: 10,
      });
      await t.store.finishRun(run.id, { status: 'completed', counters: counters(over) });
    }
    const today = new Date().toISOString().slice(0, 10);
    expect(await t.store.matcherStats('heuristic')).toEqual({
      totals: { runs: 2, evaluations: 10, llmSaved: 18 },
      days: [{ day: today, runs: 2, evaluations: 10, llmSaved: 18 }],
    });
    expect((await t.store.matcherStats('openai')).totals).toEqual({ runs: 1, evaluations: 7, llmSaved: 3 });
    expect(await t.store.matcherStats('heuristic', { from: '2999-01-01' })).toEqual({
      totals: { runs: 0, evaluations: 0, llmSaved: 0 },
      days: [],
    });
  });

  it('writes scrape history, LLM usage and events', async () => {
    await t.store.recordScrapePage({
      searchTerm: 'IT',
      pageNumber: 1,
      jobsFound: 10,
      newJobs: 2,
      duplicateJobs: 8,
      durationSeconds: 0.4,
      runId: 1,
      pageStatus: 'ok',
    });
    await t.store.recordLlmUsage({
      purpose: 'match',
      model: 'gpt-4o-mini',
      promptTokens: 900,
      completionTokens: 200,
      costUsd: 0.000255,
      latencyMs: 812.4,
      outcome: 'ok',
      serviceTier: 'flex',
    });
    await t.store.recordLlmUsage({
      purpose: 'cv_summary',
      model: 'local-llama',
      promptTokens: 0,
      completionTokens: 0,
      costUsd: 0,
      latencyMs: 10,
      outcome: 'error',
    });
    expect(
      await testSql(t.store).query<{ service_tier: string | null }>('SELECT service_tier FROM llm_usage ORDER BY id'),
    ).toEqual([{ service_tier: 'flex' }, { service_tier: null }]);
    await t.store.recordEvent({
      kind: 'db_locked',
      severity: 'error',
      component: 'pipeline',
      message: 'locked',
      details: { table: 'job_matches' },
    });
    expect(await t.store.tableCounts()).toMatchObject({ scrapeHistory: 1, llmUsage: 2, appEvents: 1 });
  });

  it('registers CV versions once and lists keys known only from matches', async () => {
    await t.store.upsertCvVersion({
      cvKey: '0123456789abcdef',
      fileName: 'cv.pdf',
      filePath: '/cv/cv.pdf',
      fileHash: 'f'.repeat(64),
      extractedText: 'Erfahrung mit TypeScript',
    });
    await t.store.upsertCvVersion({
      cvKey: '0123456789abcdef',
      fileName: 'cv.pdf',
      filePath: '/cv/cv.pdf',
      fileHash: 'f'.repeat(64),
      summary: 'Entwickler',
    });
    await t.store.insertMatches([sampleMatch(1), sampleMatch(2), sampleMatch(3, { cvKey: 'fedcba9876543210' })]);
    const versions = await t.store.listCvVersions();
    expect(versions.map((v) => [v.cvKey, v.evaluations, v.hasText])).toEqual([
      ['0123456789abcdef', 2, true],
      ['fedcba9876543210', 1, false],
    ]);
    expect(await t.store.getCvText('0123456789abcdef')).toEqual({
      text: 'Erfahrung mit TypeScript',
      summary: 'Entwickler',
      metadata: null,
    });
  });

  it('remembers scraped postings and keeps known fields', async () => {
    const url = sampleMatch(1).jobUrl;
    await t.store.upsertPostings([
      { url, title: 'Engineer', description: 'Lange Beschreibung', skills: ['TypeScript'], detailsFetched: true },
    ]);
    await t.store.upsertPostings([{ url, title: 'Engineer (m/w)' }]);
    const posting = (await t.store.getPostings([url])).get(url);
    expect(posting).toMatchObject({
      title: 'Engineer (m/w)',
      description: 'Lange Beschreibung',
      skills: ['TypeScript'],
    });
    expect(posting?.detailsFetchedAt).not.toBeNull();
  });

  it('records legacy imports and finds them by content hash', async () => {
    const now = new Date().toISOString();
    await t.store.recordLegacyImport({
      filePath: '/j/job_matches_1.json',
      fileName: 'job_matches_1.json',
      sha256: 'a'.repeat(64),
      searchTerm: 'IT',
      cvKey: '0123456789abcdef',
      records: 3,
      migrated: 2,
      duplicates: 1,
      updated: 0,
      rejected: 0,
      status: 'completed',
      details: { rejected: [] },
      startedAt: now,
      finishedAt: now,
      durationMs: 5,
    });
    expect(await t.store.findLegacyImports('a'.repeat(64))).toMatchObject([
      { fileName: 'job_matches_1.json', migrated: 2, details: { rejected: [] } },
    ]);
    expect(await t.store.findLegacyImports('b'.repeat(64))).toEqual([]);
  });

  it('maps a unique violation to DUPLICATE_KEY', async () => {
    const insert = `INSERT INTO cv_versions (cv_key, file_name, file_path, file_hash) VALUES ('0123456789abcdef', 'a', 'b', 'c')`;
    await testSql(t.store).execute(insert);
    const error = await testSql(t.store)
      .execute(insert)
      .catch((e: unknown) => e);
    expect(isJobSearchError(error, 'DUPLICATE_KEY')).toBe(true);
  });

  it('reports a locked database as DB_LOCKED with what to do', async () => {
    const store = await openStore({ url: t.database.url, busyTimeoutMs: 100 });
    let release: () => Promise<void>;
    if (provider === 'sqlite') {
      const other = new Database(t.database.path!);
      other.exec('BEGIN EXCLUSIVE');
      release = async () => {
        other.exec('ROLLBACK');
        other.close();
      };
    } else {
      const other = new pg.Client({ connectionString: t.database.url });
      await other.connect();
      await other.query('BEGIN; LOCK TABLE job_matches IN ACCESS EXCLUSIVE MODE');
      release = async () => {
        await other.query('ROLLBACK');
        await other.end();
      };
    }
    try {
      const error = await store.insertMatch(sampleMatch(1)).catch((e: unknown) => e);
      expect(isJobSearchError(error, 'DB_LOCKED')).toBe(true);
      expect((error as Error).message).toMatch(/locked by another process/);
    } finally {
      await release();
      await store.close();
    }
    expect((await t.store.insertMatch(sampleMatch(1))).outcome).toBe('inserted');
  });
});
