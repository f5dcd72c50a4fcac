import { randomBytes } from 'node:crypto';
import { statfsSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestStore, testProviders, testSql, type TestStore } from '@jobsearchai/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectBackup } from '../src/collect/backups.js';
import { collectSnapshot } from '../src/collect/collect-snapshot.js';
import { collectConnections } from '../src/collect/connections.js';
import { collectDatabaseSize } from '../src/collect/database-size.js';
import { collectDedup, collectSavings } from '../src/collect/dedup-effectiveness.js';
import { collectDiskSpace } from '../src/collect/disk-space.js';
import { collectErrorCounts } from '../src/collect/error-counts.js';
import { collectEvaluations } from '../src/collect/evaluations.js';
import { collectLlmUsage } from '../src/collect/llm-usage.js';
import { collectQueryProbe, percentile } from '../src/collect/query-probe.js';
import { addSizeSample, growthPerDay } from '../src/collect/size-growth.js';
import type { CollectContext } from '../src/collect/types.js';
import { parseMonitoringConfig } from '../src/config/monitoring-config.js';
import { memoryLogger } from './helpers/memory-logger.js';
import { hoursAgo, NOW, seedEvent, seedLlmCall, seedMatch, seedRun, seedScrapePage } from './helpers/seed.js';
import { tempDirs } from './helpers/temp-dir.js';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe.each(testProviders())('collectors on %s', (provider) => {
  let t: TestStore;
  const config = parseMonitoringConfig({ probe: { repetitions: 7 } });
  const ctx = (): CollectContext => ({ store: t.store, now: NOW, config });

  beforeAll(async () => {
    t = await openTestStore(provider);
    const store = t.store;
    // LLM calls: 24 h window holds 6 (2 failed), the last hour 3 (1 failed); one is older than a day.
    for (const [hours, outcome] of [
      [0.2, 'ok'],
      [0.5, 'timeout'],
      [0.9, 'ok'],
      [5, 'ok'],
      [10, 'server_error'],
      [20, 'ok'],
      [30, 'ok'],
    ] as const) {
      await seedLlmCall(store, { createdAt: hoursAgo(hours), outcome, costUsd: 0.01 });
    }
    // Events of the last hour: db_locked ×3 (error), scrape_error ×2 (warning), llm_error ×1; an info event and an old error do not count.
    for (let i = 0; i < 3; i++) await seedEvent(store, { kind: 'db_locked', createdAt: hoursAgo(0.1 * (i + 1)) });
    for (let i = 0; i < 2; i++)
      await seedEvent(store, { kind: 'scrape_error', severity: 'warning', createdAt: hoursAgo(0.3) });
    await seedEvent(store, { kind: 'llm_error', severity: 'warning', createdAt: hoursAgo(0.5) });
    await seedEvent(store, { kind: 'run_note', severity: 'info', createdAt: hoursAgo(0.5) });
    await seedEvent(store, { kind: 'db_locked', createdAt: hoursAgo(2) });
    for (let i = 0; i < 7; i++) await seedScrapePage(store, hoursAgo(0.05 * (i + 1)));
    await seedScrapePage(store, hoursAgo(3));

    // Runs: the first IT run (30 h ago, outside the window) makes the later IT run a repeat run.
    const first = await seedRun(store, {
      startedAt: hoursAgo(30),
      postingsSeen: 50,
      postingsNew: 50,
      llmCalls: 50,
      pagesScraped: 5,
      costUsd: 0.5,
    });
    await seedMatch(store, { matchedAt: hoursAgo(30), runId: first });
    await seedRun(store, {
      searchTerm: 'Data',
      startedAt: hoursAgo(3),
      maxPages: 10,
      pagesScraped: 2,
      postingsSeen: 20,
      postingsNew: 20,
      llmCalls: 20,
      costUsd: 0.2,
    });
    await seedRun(store, {
      startedAt: hoursAgo(2),
      stopReason: 'early_exit',
      maxPages: 10,
      pagesScraped: 2,
      pagesSaved: 8,
      postingsSeen: 50,
      postingsNew: 5,
      postingsDuplicate: 45,
      llmCalls: 5,
      llmSaved: 45,
      costUsd: 0.05,
      costSavedUsd: 0.45,
    });
    await seedRun(store, { startedAt: hoursAgo(0.1), status: 'running', postingsSeen: 10, postingsNew: 10 });
    // A migrated row (no run) is newer than the last pipeline evaluation but does not count as one.
    await seedMatch(store, { matchedAt: hoursAgo(1), runId: null });
  });
  afterAll(async () => t?.cleanup());

  it('database size: the file plus its WAL (SQLite) or pg_database_size, growing with the data', async () => {
    const before = await collectDatabaseSize(ctx());
    if (provider === 'sqlite') {
      const path = t.database.path!;
      let wal = 0;
      try {
        wal = statSync(`${path}-wal`).size;
      } catch {
        wal = 0;
      }
      expect(before).toEqual({ fileBytes: statSync(path).size, walBytes: wal });
    } else {
      expect(before.walBytes).toBe(0);
    }
    expect(before.fileBytes).toBeGreaterThan(0);
    await t.store.transaction(async (tx) => {
      for (let i = 0; i < 400; i++) {
        // Random text: PostgreSQL would compress a repeated character to almost nothing.
        const big = randomBytes(2000).toString('hex');
        await tx.insertMatch({
          jobUrl: `https://example.com/job/size-${i}`,
          searchTerm: 'Size',
          cvKey: 'ffffffffffffffff',
          overallMatch: 5,
          reasoning: big,
          scrapedData: { big },
          runId: null,
        });
      }
    });
    const after = await collectDatabaseSize(ctx());
    expect(after.fileBytes + after.walBytes).toBeGreaterThan(before.fileBytes + before.walBytes + 1_000_000);
  });

  it('query probe: p95 of the dedup lookup and the list query over N repetitions', async () => {
    const probe = await collectQueryProbe(ctx());
    expect(probe.repetitions).toBe(7);
    for (const ms of [probe.dedupLookupP95Ms, probe.listQueryP95Ms]) {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThan(1000);
    }
  });

  it('connections: PostgreSQL reports its pool and the server limit; SQLite has none', async () => {
    const connections = await collectConnections(ctx());
    if (provider === 'sqlite') {
      expect(connections).toBeNull();
      return;
    }
    expect(connections!.database).toBeGreaterThanOrEqual(1);
    expect(connections!.active).toBeGreaterThanOrEqual(1); // the query itself
    expect(connections!.max).toBeGreaterThan(0);
    expect(connections!.server).toBeGreaterThanOrEqual(connections!.database);
    expect(connections!.usedPercent).toBeCloseTo((connections!.server / connections!.max) * 100, 0);
  });

  it('LLM usage: calls, failures and cost per day, calls saved, error ratio over its own window', async () => {
    const llm = await collectLlmUsage(ctx());
    expect(llm).toMatchObject({
      windowHours: 24,
      calls: 6,
      failed: 2,
      callsSaved: 45,
      ratioWindowHours: 1,
      ratioCalls: 3,
      ratioFailed: 1,
    });
    expect(llm.costUsd).toBeCloseTo(0.06, 6);
    expect(llm.costSavedUsd).toBeCloseTo(0.45, 6);
    expect(llm.errorPercent).toBe(33.3);
  });

  it('errors per hour by kind: events and failed calls, llm_error not counted twice', async () => {
    const errors = await collectErrorCounts(ctx());
    expect(errors.byKind).toEqual({ db_locked: 3, scrape_error: 2, llm_error: 1 });
    expect(errors.total).toBe(6);
    // 3 LLM calls + 7 results pages in the hour.
    expect(errors.operations).toBe(10);
    expect(errors.errorPercent).toBe(60);
  });

  it('dedup: duplicate rate per scrape, repeat-run reduction and early-exit effectiveness over finished runs', async () => {
    const dedup = await collectDedup(ctx());
    expect(dedup).toMatchObject({
      windowHours: 24,
      runs: 2,
      postingsSeen: 70,
      postingsDuplicate: 45,
      duplicatePercent: 64.3,
      repeatRuns: 1,
      repeatRunPostings: 50,
      repeatReductionPercent: 90,
      pagesSaved: 8,
      pagesPossible: 20,
      earlyExitPercent: 40,
    });
    expect(dedup.lastRun).toMatchObject({ duplicatePercent: 90, stopReason: 'early_exit', startedAt: hoursAgo(2) });
  });

  it('savings: cumulative calls and cost saved since the first run', async () => {
    const savings = await collectSavings(ctx());
    expect(savings.callsSaved).toBe(45);
    expect(savings.costSavedUsd).toBeCloseTo(0.45, 6);
    expect(savings.llmCalls).toBe(75);
  });

  it('evaluations: last pipeline evaluation (migrated rows ignored) and runs that should have produced one', async () => {
    const evaluations = await collectEvaluations(ctx());
    expect(evaluations).toMatchObject({
      lastSuccessAt: hoursAgo(30),
      hoursSinceLastSuccess: 30,
      windowHours: 24,
      runsInWindow: 3,
      runsExpectingEvaluations: 2,
    });
  });

  it('a failing collector is reported alone; the others still produce their sections', async () => {
    const { logger, messages } = memoryLogger();
    const other = await openTestStore(provider);
    try {
      await testSql(other.store).script('DROP TABLE llm_usage');
      const backupDir = dirs.make();
      const { snapshot } = await collectSnapshot({
        store: other.store,
        database: { provider, location: other.store.info.location, reachable: true },
        now: NOW,
        config: { ...config, backupDir },
        sizeSamples: [],
        logDir: undefined,
        model: null,
        logger,
      });
      expect(snapshot.collectorErrors.map((e) => e.collector).sort()).toEqual(['errors', 'llm']);
      expect(snapshot.llm).toBeNull();
      expect(snapshot.errors).toBeNull();
      expect(snapshot.size).not.toBeNull();
      expect(snapshot.dedup).not.toBeNull();
      expect(snapshot.evaluations).not.toBeNull();
      expect(snapshot.backup).toMatchObject({ dir: backupDir, latestFile: null });
      expect(snapshot.disks.map((d) => d.role)).toEqual(provider === 'sqlite' ? ['database', 'backups'] : ['backups']);
      expect(messages().filter((m) => m === 'collector failed')).toHaveLength(2);
    } finally {
      await other.cleanup();
    }
  });
});

describe('the configured model', () => {
  const config = parseMonitoringConfig({});
  const collect = (model: string | null, now: Date) =>
    collectSnapshot({
      store: null,
      database: { provider: 'sqlite', location: '/nowhere.db', reachable: false },
      now,
      config,
      sizeSamples: [],
      logDir: undefined,
      model,
      logger: memoryLogger().logger,
    });

  it("reports where the model stands against its announced shutdown, on the monitor's clock", async () => {
    expect((await collect(null, NOW)).snapshot.model).toBeNull();
    expect((await collect('gpt-6-luna', new Date('2026-12-20T00:00:00Z'))).snapshot.model).toMatchObject({
      state: 'current',
      shutdown: null,
    });
    expect((await collect('gpt-4o-mini', new Date('2026-12-20T00:00:00Z'))).snapshot.model).toEqual({
      id: 'gpt-4o-mini',
      state: 'retiring',
      shutdown: '2027-01-14',
      daysLeft: 25,
      replacement: 'gpt-6-luna',
    });
    expect((await collect('local-llama', NOW)).snapshot.model).toMatchObject({ state: 'unknown' });
  });

  it('warns as many days ahead as the modelShutdown rule says', async () => {
    const early = parseMonitoringConfig({ rules: { modelShutdown: { withinDays: 60 } } });
    const { snapshot } = await collectSnapshot({
      store: null,
      database: { provider: 'sqlite', location: '/nowhere.db', reachable: false },
      now: new Date('2026-11-20T00:00:00Z'),
      config: early,
      sizeSamples: [],
      logDir: undefined,
      model: 'gpt-4o-mini',
      logger: memoryLogger().logger,
    });
    expect(snapshot.model).toMatchObject({ state: 'retiring', daysLeft: 55 });
    expect((await collect('gpt-4o-mini', new Date('2026-11-20T00:00:00Z'))).snapshot.model).toMatchObject({
      state: 'current',
      shutdown: null,
    });
  });
});

describe('backups and disks', () => {
  it('finds the newest backup and its age, ignoring other files', async () => {
    const dir = dirs.make();
    const files = [
      'jobsearchai_backup_20260308_020000.db',
      'jobsearchai_backup_20260309_020000.db',
      'jobsearchai_backup_20260309_020000_01.dump',
      'notes.db',
      'jobsearchai_backup_latest.db',
    ];
    files.forEach((name, i) => {
      writeFileSync(join(dir, name), 'x');
      const at = new Date(NOW.getTime() - (50 - i * 10) * 3_600_000);
      utimesSync(join(dir, name), at, at);
    });
    const section = await collectBackup(
      { now: NOW, config: { ...parseMonitoringConfig({}), backupDir: dir } },
      new Date(NOW.getTime() - 100 * 3_600_000).toISOString(),
    );
    expect(section).toMatchObject({
      latestFile: 'jobsearchai_backup_20260309_020000_01.dump',
      hoursSinceLastBackup: 30,
      databaseAgeHours: 100,
    });
    const none = await collectBackup(
      { now: NOW, config: { ...parseMonitoringConfig({}), backupDir: join(dir, 'missing') } },
      null,
    );
    expect(none).toMatchObject({
      latestFile: null,
      latestAt: null,
      hoursSinceLastBackup: null,
      databaseAgeHours: null,
    });
  });

  it('reports free space of each watched path, using the nearest existing folder for one not created yet', () => {
    const dir = dirs.make();
    const [disk, future] = collectDiskSpace([
      { role: 'logs', path: dir },
      { role: 'backups', path: join(dir, 'not/yet') },
    ]);
    const stats = statfsSync(dir);
    expect(disk).toMatchObject({ role: 'logs', path: dir, totalBytes: stats.blocks * stats.bsize });
    expect(disk!.freePercent).toBeGreaterThan(0);
    expect(disk!.freePercent).toBeLessThanOrEqual(100);
    expect(Math.abs(disk!.freeBytes - stats.bavail * stats.bsize)).toBeLessThan(256 * 1024 * 1024);
    expect(future).toMatchObject({ role: 'backups', totalBytes: disk!.totalBytes });
  });
});

describe('size growth and percentiles', () => {
  const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000).toISOString();

  it('growth per day needs an hour of samples, then uses the oldest sample of the last week', () => {
    let samples = addSizeSample([], { at: at(0), bytes: 1_000_000 });
    expect(growthPerDay(samples, { at: at(0.5), bytes: 1_100_000 })).toBeNull();
    samples = addSizeSample(samples, { at: at(0.5), bytes: 1_100_000 });
    expect(growthPerDay(samples, { at: at(12), bytes: 1_500_000 })).toBe(1_000_000);
    // Samples older than the week no longer count; older than 8 days are dropped.
    samples = addSizeSample(samples, { at: at(24 * 7.5), bytes: 9_000_000 });
    expect(samples.map((s) => s.at)).toEqual([at(0), at(0.5), at(24 * 7.5)]);
    samples = addSizeSample(samples, { at: at(24 * 8.2), bytes: 9_500_000 });
    expect(samples.map((s) => s.at)).toEqual([at(24 * 7.5), at(24 * 8.2)]);
  });

  it('keeps one sample per quarter hour however often it runs', () => {
    let samples = addSizeSample([], { at: at(0), bytes: 1 });
    for (let minute = 1; minute < 15; minute++) samples = addSizeSample(samples, { at: at(minute / 60), bytes: 1 });
    expect(samples).toHaveLength(1);
    samples = addSizeSample(samples, { at: at(0.25), bytes: 2 });
    expect(samples).toHaveLength(2);
  });

  it('percentile uses the nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile([5], 95)).toBe(5);
    expect(percentile([], 95)).toBe(0);
  });
});
