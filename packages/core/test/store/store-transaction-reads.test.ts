import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importLegacyFile } from '../../src/import/import-legacy-file.js';
import { Store } from '../../src/store/store.js';
import type { LegacyImportInput, RunCounters, TableCounts } from '../../src/store/types.js';
import { testSql } from '../../src/testing/sql-for-tests.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';
import { createFixtureDir, legacyRecord, type FixtureDir } from '../import/legacy-fixtures.js';
import { sampleMatch } from './fixtures.js';

/**
 * One data path: a store bound to a transaction reads through that transaction, so it sees the
 * rows written earlier in it — on PostgreSQL too, where a read on another pooled connection would
 * not. Each case writes, reads inside the transaction, then rolls back and checks that nothing
 * was committed: the rows the reads saw existed only inside the transaction.
 */

const CV_KEY = '0123456789abcdef';
const ROLL_BACK = new Error('roll back on purpose');

const EMPTY: TableCounts = {
  jobMatches: 0,
  failedEvaluations: 0,
  cvVersions: 0,
  scrapeHistory: 0,
  applications: 0,
  jobPostings: 0,
  searchRuns: 0,
  llmUsage: 0,
  legacyImports: 0,
  appEvents: 0,
};

const counters = (over: Partial<RunCounters> = {}): RunCounters => ({
  pagesScraped: 2,
  pagesSaved: 8,
  postingsSeen: 20,
  postingsNew: 5,
  postingsDuplicate: 15,
  postingsReused: 0,
  llmCalls: 5,
  llmFailed: 1,
  llmSaved: 15,
  tokensIn: 500,
  tokensOut: 80,
  costUsd: 0.01,
  costSavedUsd: 0.03,
  flexFallbacks: 0,
  ...over,
});

function importInput(sha256: string, status: LegacyImportInput['status'] = 'completed'): LegacyImportInput {
  const at = new Date().toISOString();
  return {
    filePath: `/legacy/${sha256}.json`,
    fileName: `${sha256}.json`,
    sha256,
    searchTerm: 'IT',
    cvKey: CV_KEY,
    records: 3,
    migrated: 3,
    duplicates: 0,
    updated: 0,
    rejected: 0,
    status,
    details: { note: sha256 },
    startedAt: at,
    finishedAt: at,
    durationMs: 12,
  };
}

describe.each(testProviders())('store: reads inside a transaction see its writes (%s)', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  /** Runs `fn` in a transaction that is then rolled back, and checks that it left no row behind. */
  async function inRolledBackTransaction(fn: (tx: Store) => Promise<void>): Promise<void> {
    await expect(
      t.store.transaction(async (tx) => {
        await fn(tx);
        throw ROLL_BACK;
      }),
    ).rejects.toBe(ROLL_BACK);
    expect(await t.store.tableCounts()).toEqual(EMPTY);
  }

  it('legacy imports: recorded, then found by content hash and listed', async () => {
    await inRolledBackTransaction(async (tx) => {
      const done = await tx.recordLegacyImport(importInput('aaaa'));
      const failed = await tx.recordLegacyImport(importInput('aaaa', 'failed'));
      const other = await tx.recordLegacyImport(importInput('bbbb'));
      const found = await tx.findLegacyImports('aaaa');
      expect(found.map((row) => row.id)).toEqual([done]);
      expect(found[0]).toMatchObject({
        ...importInput('aaaa'),
        id: done,
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
      });
      expect((await tx.listLegacyImports()).map((row) => row.id)).toEqual([done, failed, other]);
      // The failed import wrote no rows: two completed imports of 3 migrated records each.
      expect(await tx.migrationRecordTotals()).toEqual({
        imports: 2,
        migrated: 6,
        duplicate: 0,
        updated: 0,
        replaced: 0,
        rejected: 0,
      });
    });
  });

  it('import journal: the rows an import may overwrite are read, its journal written, and the undo sees both', async () => {
    await inRolledBackTransaction(async (tx) => {
      await tx.insertMatch({ ...sampleMatch(1), overallMatch: null });
      const inputs = [sampleMatch(1), sampleMatch(2)];
      const journal = await tx.captureImportJournal(inputs);
      const { outcomes } = await tx.insertMatches(inputs);
      expect(outcomes).toEqual(['replaced', 'inserted']);
      const id = await tx.recordLegacyImport(importInput('aaaa'));
      await tx.writeImportJournal(id, journal, outcomes);
      expect(await tx.lastUndoableImport()).toBe(id);
      expect(await tx.undoLegacyImport(id, { dryRun: true })).toMatchObject({ createdRemoved: 1, updatedRestored: 1 });
    });
  });

  it('cv versions: upserted, then read as text and listed with their evaluations', async () => {
    await inRolledBackTransaction(async (tx) => {
      await tx.upsertCvVersion({
        cvKey: CV_KEY,
        fileName: 'cv.pdf',
        filePath: '/cv/cv.pdf',
        fileHash: 'h',
        extractedText: 'Erfahrung mit TypeScript',
        metadata: { pages: 2 },
      });
      await tx.upsertCvVersion({
        cvKey: CV_KEY,
        fileName: 'cv.pdf',
        filePath: '/cv/cv.pdf',
        fileHash: 'h',
        summary: 'Informatiker',
      });
      await tx.insertMatch(sampleMatch(1));
      expect(await tx.getCvText(CV_KEY)).toEqual({
        text: 'Erfahrung mit TypeScript',
        summary: 'Informatiker',
        metadata: { pages: 2 },
      });
      expect(await tx.getCvText('ffffffffffffffff')).toBeNull();
      expect(await tx.listCvVersions()).toEqual([
        expect.objectContaining({ cvKey: CV_KEY, hasText: true, evaluations: 1, summary: 'Informatiker' }),
      ]);
      expect(await tx.databaseSummary()).toMatchObject({ jobMatches: 1, legacy: false });
      expect((await tx.databaseSummary()).newestEvaluation).not.toBeNull();
    });
  });

  it('matches: inserted, then excluded from new postings, read by id and URL, listed and summarised', async () => {
    await inRolledBackTransaction(async (tx) => {
      const { id } = await tx.insertMatch(sampleMatch(1, { overallMatch: 8 }));
      await tx.insertMatches([sampleMatch(2, { overallMatch: 7 }), sampleMatch(3, { overallMatch: null })]);
      const urls = [1, 2, 3, 4].map((n) => sampleMatch(n).jobUrl);
      // 3 failed (retried) and 4 was never seen.
      expect(await tx.findNewPostings(urls, 'IT', CV_KEY)).toEqual([urls[2], urls[3]]);
      expect(await tx.getMatch(id)).toMatchObject({ id, jobUrl: urls[0], overallMatch: 8 });
      expect((await tx.getMatchesByUrl(urls[1]!)).map((m) => m.overallMatch)).toEqual([7]);
      expect((await tx.listMatches({ searchTerm: 'IT', cvKey: CV_KEY })).items.map((m) => m.jobUrl)).toEqual([
        urls[0],
        urls[1],
      ]);
      expect(await tx.listSearchTerms()).toEqual([
        expect.objectContaining({ searchTerm: 'IT', matches: 2, cvKeys: 1 }),
      ]);
      expect([...(await tx.findReusableEvaluations(urls, CV_KEY)).keys()].sort()).toEqual([urls[0], urls[1]].sort());
      expect(await tx.recentMatchKeys(5)).toEqual({
        searchTerm: 'IT',
        cvKey: CV_KEY,
        jobUrls: [urls[2], urls[1], urls[0]],
      });
    });
  });

  it('applications: a status written, then read with its history and on the board', async () => {
    await inRolledBackTransaction(async (tx) => {
      await tx.insertMatch(sampleMatch(1, { overallMatch: 8 }));
      await tx.insertMatch(sampleMatch(1, { overallMatch: 7, searchTerm: 'Informatik' }));
      await tx.insertMatch(sampleMatch(2, { overallMatch: 6 }));
      const key = { jobUrl: sampleMatch(1).jobUrl, cvKey: CV_KEY };
      const set = await tx.setApplication({ ...key, status: 'APPLIED', notes: 'sent', expectedUpdatedAt: null });
      expect(await tx.getApplication(key)).toEqual(set);
      expect(set.history.map((entry) => entry.toStatus)).toEqual(['APPLIED']);
      expect(await tx.tableCounts()).toMatchObject({ applications: 2 });
      const board = await tx.listApplicationBoard({ cvKey: CV_KEY });
      expect(board.columns.find((column) => column.status === 'APPLIED')?.cards.map((card) => card.jobUrl)).toEqual([
        key.jobUrl,
      ]);
      expect(board.columns[0]).toMatchObject({ status: 'MATCHED', total: 1 });
    });
    const history = await testSql(t.store).query<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM application_status_history',
    );
    expect(Number(history[0]!.n)).toBe(0);
  });

  it('postings: upserted, then read back', async () => {
    await inRolledBackTransaction(async (tx) => {
      await tx.upsertPostings([{ url: 'https://www.ostjob.ch/job/a/1', title: 'A', skills: ['SQL'] }]);
      expect(
        (await tx.getPostings(['https://www.ostjob.ch/job/a/1'])).get('https://www.ostjob.ch/job/a/1'),
      ).toMatchObject({ title: 'A', skills: ['SQL'] });
    });
  });

  it('runs: created, updated and finished, then read, listed and aggregated', async () => {
    await inRolledBackTransaction(async (tx) => {
      const first = await tx.createRun({
        searchTerm: 'IT',
        cvKey: CV_KEY,
        source: 'demo',
        matcher: 'heuristic',
        model: null,
        maxPages: 10,
      });
      expect(await tx.getRun(first.id)).toMatchObject({ id: first.id, status: 'running' });
      await tx.updateRunCounters(first.id, counters({ pagesScraped: 1 }));
      expect((await tx.getRun(first.id))?.pagesScraped).toBe(1);
      await tx.finishRun(first.id, { status: 'completed', counters: counters() });
      const repeat = await tx.createRun({
        searchTerm: 'IT',
        cvKey: CV_KEY,
        source: 'demo',
        matcher: 'heuristic',
        model: null,
        maxPages: 10,
      });
      await tx.finishRun(repeat.id, {
        status: 'completed',
        stopReason: 'early_exit',
        counters: counters({ postingsNew: 0, llmCalls: 0, llmSaved: 20 }),
      });
      const running = await tx.createRun({
        searchTerm: 'IT',
        cvKey: CV_KEY,
        source: 'demo',
        matcher: 'heuristic',
        model: null,
        maxPages: 10,
      });
      expect((await tx.listRuns()).map((run) => run.id)).toEqual([running.id, repeat.id, first.id]);
      expect((await tx.findRunningRun('IT', CV_KEY))?.id).toBe(running.id);
      expect((await tx.dedupStats()).totals).toMatchObject({ runs: 3, llmSaved: 35, pagesSaved: 16 });
      expect((await tx.dedupStats({ finishedOnly: true })).totals.runs).toBe(2);
      expect((await tx.matcherStats('heuristic')).totals).toEqual({ runs: 3, evaluations: 5, llmSaved: 35 });
      expect((await tx.matcherStats('openai')).totals.runs).toBe(0);
      expect(await tx.finishedRunsSummary()).toMatchObject({
        pagesPossible: 20,
        repeatRuns: { runs: 1, postingsSeen: 20, llmCalls: 0, llmSaved: 20 },
        lastRun: { id: repeat.id, stopReason: 'early_exit', postingsSeen: 20, postingsDuplicate: 15 },
      });
      expect(await tx.evaluationActivity('2000-01-01T00:00:00.000Z')).toMatchObject({
        runs: 3,
        runsExpectingEvaluations: 1,
      });
      expect(await tx.markRunsInterrupted()).toBe(1);
      expect((await tx.getRun(running.id))?.status).toBe('interrupted');
    });
  });

  it('schedules: created, changed, claimed and released, then read and listed', async () => {
    await inRolledBackTransaction(async (tx) => {
      const due = '2000-01-01T00:00:00.000Z';
      const schedule = await tx.createSchedule({
        searchTerm: 'IT',
        cvKey: CV_KEY,
        maxPages: 2,
        cron: '0 7 * * *',
        timeZone: 'UTC',
        enabled: true,
        alertThreshold: 8,
        nextRunAt: due,
      });
      expect((await tx.getSchedule(schedule.id))?.cron).toBe('0 7 * * *');
      expect((await tx.updateSchedule(schedule.id, { maxPages: 4 }))?.maxPages).toBe(4);
      expect((await tx.listSchedules()).map((s) => s.id)).toEqual([schedule.id]);
      const now = new Date().toISOString();
      expect((await tx.dueSchedules(now)).map((s) => s.id)).toEqual([schedule.id]);
      const claim = { id: schedule.id, now, nextRunAt: null, cron: '0 7 * * *', timeZone: 'UTC' };
      expect(await tx.claimSchedule({ ...claim, claimant: 'a', claimExpiresAt: now })).toMatchObject({
        claimedBy: 'a',
      });
      expect(await tx.finishScheduleClaim({ id: schedule.id, claimant: 'a', runId: null, error: 'x' })).toBe(true);
      expect((await tx.getSchedule(schedule.id))?.lastError).toBe('x');
      expect(await tx.deleteSchedule(schedule.id)).toBe(true);
    });
  });

  it('alert deliveries: queued, claimed, sent or failed, then listed and counted', async () => {
    await inRolledBackTransaction(async (tx) => {
      const run = await tx.createRun({
        searchTerm: 'IT',
        cvKey: CV_KEY,
        source: 'demo',
        matcher: 'stub',
        model: null,
        maxPages: 1,
      });
      await tx.insertMatch(sampleMatch(1, { cvKey: CV_KEY, runId: run.id, overallMatch: 9 }));
      await tx.insertMatch(sampleMatch(2, { cvKey: CV_KEY, runId: run.id, overallMatch: 10 }));
      const now = new Date().toISOString();
      const queued = await tx.queueRunAlerts({
        runId: run.id,
        minScore: 8,
        mode: 'run',
        channels: ['webhook'],
        dueAt: now,
        scheduleId: null,
      });
      expect(queued).toBe(2);
      const claimed = await tx.claimAlertDeliveries({ claimant: 'a', now, claimExpiresAt: now, channels: ['webhook'] });
      expect(claimed).toHaveLength(2);
      expect(await tx.markAlertsSent([claimed[0]!.id], 'a')).toBe(1);
      expect(
        await tx.recordAlertFailure({ ids: [claimed[1]!.id], claimant: 'a', error: 'HTTP 500', retryAt: null }),
      ).toBe(1);
      expect((await tx.listAlertDeliveries()).map((d) => d.status).sort()).toEqual(['failed', 'sent']);
      expect(await tx.alertDeliveryStats(now, '2000-01-01T00:00:00.000Z')).toMatchObject({ failed: 1, sentSince: 1 });
    });
  });

  it('ledger rows: scrape pages, LLM calls and events, then counted', async () => {
    await inRolledBackTransaction(async (tx) => {
      const since = new Date(Date.now() - 60_000).toISOString();
      await tx.recordScrapePage({
        searchTerm: 'IT',
        pageNumber: 1,
        jobsFound: 20,
        newJobs: 5,
        duplicateJobs: 15,
        durationSeconds: 0.4,
      });
      const call = {
        purpose: 'match',
        model: 'gpt-4o-mini',
        promptTokens: 100,
        completionTokens: 20,
        costUsd: 0.002,
        latencyMs: 700,
      };
      await tx.recordLlmUsage({ ...call, outcome: 'ok' });
      await tx.recordLlmUsage({ ...call, outcome: 'timeout' });
      await tx.recordEvent({ kind: 'db_locked', severity: 'error', component: 'pipeline', message: 'locked' });
      await tx.recordEvent({ kind: 'run_note', severity: 'info', component: 'pipeline', message: 'note' });
      expect(await tx.tableCounts()).toMatchObject({ scrapeHistory: 1, llmUsage: 2, appEvents: 2 });
      expect(await tx.errorActivity(since)).toEqual({
        eventsByKind: { db_locked: 1 },
        llmCalls: 2,
        llmFailedCalls: 1,
        scrapePages: 1,
      });
      const usage = await tx.llmUsageTotals(since);
      expect(usage).toMatchObject({ calls: 2, failed: 1 });
      expect(usage.costUsd).toBeCloseTo(0.004, 9);
    });
  });

  describe('importLegacyFile inside one transaction', () => {
    let files: FixtureDir;
    beforeEach(async () => {
      files = await createFixtureDir();
    });
    afterEach(async () => {
      await files.cleanup();
    });

    it('skips the second import of the same file: the first one is visible to the check', async () => {
      const path = await files.write('job_matches_20250314_091500.json', [
        legacyRecord(1),
        legacyRecord(2),
        legacyRecord(3),
      ]);
      const copy = await files.write('copy/job_matches_20250314_091500.json', [
        legacyRecord(1),
        legacyRecord(2),
        legacyRecord(3),
      ]);
      const [first, second] = await t.store.transaction(async (tx) => [
        await importLegacyFile(tx, { path, searchTerm: 'IT', cvKey: CV_KEY, skipIfImported: true }),
        // Same bytes under another name: recognised by its sha256, and under a different term so a second import would add rows.
        await importLegacyFile(tx, { path: copy, searchTerm: 'Informatik', cvKey: CV_KEY, skipIfImported: true }),
      ]);
      expect(first).toMatchObject({ status: 'imported', migrated: 3 });
      expect(second).toMatchObject({
        status: 'already-imported',
        importId: first.importId,
        migrated: 0,
        searchTerm: 'IT',
      });
      expect(await t.store.tableCounts()).toMatchObject({ jobMatches: 3, legacyImports: 1 });
    });
  });
});

describe('every store read is covered above', () => {
  /** Reads of rows, each exercised inside a transaction by the cases above. */
  const ROW_READS = [
    'findLegacyImports',
    'listLegacyImports',
    'migrationRecordTotals',
    'captureImportJournal',
    'lastUndoableImport',
    'getCvText',
    'listCvVersions',
    'findNewPostings',
    'findReusableEvaluations',
    'getMatch',
    'getMatchesByUrl',
    'listMatches',
    'listSearchTerms',
    'recentMatchKeys',
    'getPostings',
    'getApplication',
    'listApplicationBoard',
    'getRun',
    'listRuns',
    'findRunningRun',
    'getSchedule',
    'listSchedules',
    'dueSchedules',
    'listAlertDeliveries',
    'alertDeliveryStats',
    'dedupStats',
    'matcherStats',
    'finishedRunsSummary',
    'evaluationActivity',
    'tableCounts',
    'errorActivity',
    'llmUsageTotals',
    'databaseSummary',
  ];
  const WRITES = [
    'insertMatch',
    'insertMatches',
    'upsertPostings',
    'setApplication',
    'upsertCvVersion',
    'createRun',
    'createSchedule',
    'updateSchedule',
    'deleteSchedule',
    'claimSchedule',
    'finishScheduleClaim',
    'queueRunAlerts',
    'claimAlertDeliveries',
    'markAlertsSent',
    'recordAlertFailure',
    'updateRunCounters',
    'finishRun',
    'markRunsInterrupted',
    'recordScrapePage',
    'recordLlmUsage',
    'recordEvent',
    'recordEventPromptly',
    'recordLegacyImport',
    'writeImportJournal',
    'undoLegacyImport',
  ];
  /** Not reads of rows: the connection, the schema, sizes and server state. */
  const OTHER = [
    'constructor',
    'provider',
    'transaction',
    'savepoint',
    'close',
    'migrate',
    'schemaStatus',
    'ping',
    'observeQueries',
    'databaseSize',
    'tableBytes',
    'connectionStats',
    'analyze',
  ];

  it('names every method of Store, so a new read cannot skip this suite unnoticed', () => {
    const methods = Object.getOwnPropertyNames(Store.prototype).sort();
    expect(methods).toEqual([...ROW_READS, ...WRITES, ...OTHER].sort());
  });
});
