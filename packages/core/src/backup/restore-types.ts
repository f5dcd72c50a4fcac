import type { Provider } from '../db/sql-driver.js';

export interface RestoreOptions {
  /** The database to replace (DATABASE_URL's value); default the embedded SQLite file. */
  url?: string;
  /** Must be true: a restore replaces the database. The CLI asks, or takes --yes. */
  yes: boolean;
  cwd?: string;
  /** Where the backup of the current database goes first; default `backups`. */
  backupDir?: string;
  keep?: number;
  /** How long another connection's write may hold the lock before the restore refuses; default 5 s. */
  lockTimeoutMs?: number;
  /** PATH and libpq variables for pg_dump/pg_restore; default the process environment. */
  env?: NodeJS.ProcessEnv;
}

export interface RestoreResult {
  provider: Provider;
  /** The database file, or the PostgreSQL database name. */
  database: string;
  restoredFrom: string;
  /** The backup of the database as it was before the restore; null when there was none to back up. */
  previousBackup: string | null;
  /** Migrations applied to bring a backup from an older version to the current schema. */
  migrationsApplied: string[];
  tables: string[];
  jobMatches: number | null;
  durationMs: number;
}

/** A JobSearchAI database has job_matches and either the migrations table or the other legacy tables. */
export function looksLikeJobSearchDatabase(tables: readonly string[]): boolean {
  return (
    tables.includes('job_matches') &&
    (tables.includes('_prisma_migrations') || (tables.includes('cv_versions') && tables.includes('scrape_history')))
  );
}
