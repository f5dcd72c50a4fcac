import type { CollectedSnapshot } from '../../src/collect/collect-snapshot.js';
import { NOW } from './seed.js';

/** A snapshot in which no default rule fires; tests change one part to make one rule fire. */
export function healthySnapshot(overrides: Partial<CollectedSnapshot> = {}): CollectedSnapshot {
  return {
    at: NOW.toISOString(),
    database: {
      provider: 'postgresql',
      location: 'postgresql://monitor@db/jobsearchai',
      reachable: true,
      schemaCurrent: true,
    },
    size: { bytes: 200 * 1024 * 1024, fileBytes: 200 * 1024 * 1024, walBytes: 0, growthBytesPerDay: 1024 * 1024 },
    probe: { repetitions: 20, dedupLookupP95Ms: 0.4, listQueryP95Ms: 2.1 },
    connections: { database: 4, active: 1, idle: 3, server: 12, max: 100, usedPercent: 12 },
    llm: {
      windowHours: 24,
      calls: 400,
      failed: 4,
      callsSaved: 3600,
      costUsd: 0.4,
      costSavedUsd: 3.6,
      ratioWindowHours: 1,
      ratioCalls: 40,
      ratioFailed: 1,
      errorPercent: 2.5,
    },
    errors: { windowHours: 1, total: 2, byKind: { llm_error: 1, scrape_error: 1 }, operations: 120, errorPercent: 1.7 },
    dedup: {
      windowHours: 24,
      runs: 10,
      postingsSeen: 500,
      postingsDuplicate: 470,
      duplicatePercent: 94,
      lastRun: { id: 10, startedAt: NOW.toISOString(), duplicatePercent: 95, stopReason: 'early_exit' },
      repeatRuns: 9,
      repeatRunPostings: 450,
      repeatReductionPercent: 95,
      pagesSaved: 80,
      pagesPossible: 100,
      earlyExitPercent: 80,
    },
    savings: { callsSaved: 10_000, costSavedUsd: 10, llmCalls: 2000, costUsd: 2 },
    evaluations: {
      lastSuccessAt: NOW.toISOString(),
      hoursSinceLastSuccess: 0.5,
      windowHours: 24,
      runsInWindow: 10,
      runsExpectingEvaluations: 3,
    },
    alertDeliveries: {
      pending: 2,
      sending: 0,
      retrying: 0,
      failed: 0,
      failedInWindow: 0,
      sentInWindow: 12,
      windowHours: 24,
      oldestDueAt: NOW.toISOString(),
      oldestDueMinutes: 0.5,
    },
    model: { id: 'gpt-6-luna', state: 'current', shutdown: null, daysLeft: null, replacement: null },
    backup: {
      dir: '/srv/jobsearchai/backups',
      latestFile: 'jobsearchai_backup_20260310_020000.db',
      latestAt: NOW.toISOString(),
      hoursSinceLastBackup: 10,
      databaseAgeHours: 400,
    },
    migration: { imports: 2, records: { migrated: 120, duplicate: 3, updated: 0, replaced: 1, rejected: 2 } },
    disks: [
      { role: 'logs', path: '/var/log/jobsearchai', freeBytes: 50e9, totalBytes: 100e9, freePercent: 50 },
      { role: 'backups', path: '/srv/jobsearchai/backups', freeBytes: 50e9, totalBytes: 100e9, freePercent: 50 },
    ],
    collectorErrors: [],
    ...overrides,
  };
}
