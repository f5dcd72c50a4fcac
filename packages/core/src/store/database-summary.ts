import { columnNames, schemaStatus, tableNames } from '../db/migrate.js';
import type { SqlDriver } from '../db/sql-driver.js';

/**
 * What a database holds, at a glance: shown side by side for a backup and the current database
 * before a restore replaces one with the other. Works on any version's database, the legacy
 * installation's included: what a database lacks is null.
 */
export interface DatabaseSummary {
  /** Rows of job_matches; null when the table is absent. */
  jobMatches: number | null;
  /** Rows of search_runs; null when the table is absent (a legacy database). */
  searchRuns: number | null;
  /** The newest job_matches.matched_at: when the latest evaluation was stored. */
  newestEvaluation: string | null;
  /** The latest applied migration; null for a legacy (never migrated) or empty database. */
  schemaVersion: string | null;
  /** Made by the legacy installation: no migrations table. */
  legacy: boolean;
}

export async function databaseSummary(driver: SqlDriver): Promise<DatabaseSummary> {
  const tables = new Set(await tableNames(driver));
  const status = await schemaStatus(driver);
  const count = async (table: 'job_matches' | 'search_runs') => {
    if (!tables.has(table)) return null;
    const [row] = await driver.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(row?.n ?? 0);
  };
  let newestEvaluation: string | null = null;
  if (tables.has('job_matches') && (await columnNames(driver, 'job_matches')).includes('matched_at')) {
    const [row] = await driver.query<{ newest: unknown }>('SELECT MAX(matched_at) AS newest FROM job_matches');
    newestEvaluation = row?.newest == null ? null : String(row.newest);
  }
  return {
    jobMatches: await count('job_matches'),
    searchRuns: await count('search_runs'),
    newestEvaluation,
    schemaVersion: status.latest,
    legacy: status.legacy,
  };
}
