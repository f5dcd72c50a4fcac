import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '@jobsearchai/core/store';
import { testSql } from '@jobsearchai/core/testing';
import { resolveMonitorSettings, type MonitorSettings } from '../../src/config/monitor-settings.js';

/**
 * A monitoring.json in `dir` for `databaseUrl`, with an empty backup folder (so backupAge fires
 * once the database is older than its limit: `ageDatabase`)
 * and the disk and latency rules relaxed so that the machine's free space and load cannot decide a
 * test (both rules are tested on their own in alert-rules.test.ts).
 */
export function agentSettings(dir: string, databaseUrl: string, extra: Record<string, unknown> = {}): MonitorSettings {
  const backupDir = join(dir, 'backups');
  mkdirSync(backupDir, { recursive: true });
  const { rules, alerts, ...rest } = extra as { rules?: Record<string, unknown>; alerts?: Record<string, unknown> };
  const config = {
    database: databaseUrl,
    backupDir: 'backups',
    probe: { repetitions: 3 },
    ...rest,
    alerts: { ...(alerts ?? {}) },
    rules: { diskFree: { minPercent: 0 }, slowQuery: { p95Ms: 10_000 }, ...(rules ?? {}) },
  };
  writeFileSync(join(dir, 'monitoring.json'), JSON.stringify(config, null, 2));
  return resolveMonitorSettings({ config: join(dir, 'monitoring.json') }, {}, dir);
}

/** A backup file, dated `at`. */
export function writeBackup(dir: string, at: Date): string {
  const path = join(
    dir,
    'backups',
    `jobsearchai_backup_${at.toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15)}.db`,
  );
  writeFileSync(path, 'SQLite format 3\0');
  utimesSync(path, at, at);
  return path;
}

/**
 * Makes a database look `hours` old (its migrations finished then): a database younger than the
 * backup limit is not expected to have a backup yet, so tests of a missing backup need an old one.
 */
export async function ageDatabase(store: Store, hours: number, from = new Date()): Promise<void> {
  const at = new Date(from.getTime() - hours * 3_600_000).toISOString();
  await testSql(store).execute(`UPDATE "_prisma_migrations" SET started_at = ?, finished_at = ?`, [at, at]);
}
