import { randomUUID } from 'node:crypto';
import { JobSearchError } from '../errors.js';
import { nowIso } from '../time.js';
import { BASELINE_MIGRATION, loadMigrations, type MigrationFile } from './migration-files.js';
import type { SqlDriver } from './sql-driver.js';

/**
 * The production path that applies migrations: the SQL files in order, each in its own
 * transaction, recorded in Prisma's standard `_prisma_migrations` table so the Prisma CLI
 * recognises the history wherever its native engine is available.
 */

const MIGRATIONS_TABLE_DDL = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL,
    "checksum" TEXT NOT NULL,
    "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL,
    "logs" TEXT,
    "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`,
} as const;

/** Legacy columns that must be present before a database is adopted. */
const LEGACY_COLUMNS: Record<string, string[]> = {
  job_matches: [
    'id',
    'job_url',
    'search_term',
    'cv_key',
    'job_title',
    'company_name',
    'location',
    'posting_date',
    'salary_range',
    'overall_match',
    'skills_match',
    'experience_match',
    'education_fit',
    'career_trajectory_alignment',
    'preference_match',
    'potential_satisfaction',
    'location_compatibility',
    'reasoning',
    'scraped_data',
    'scraped_at',
    'matched_at',
  ],
  cv_versions: ['cv_key', 'file_name', 'file_path', 'file_hash', 'upload_date', 'summary', 'metadata'],
  scrape_history: [
    'id',
    'search_term',
    'page_number',
    'jobs_found',
    'new_jobs',
    'duplicate_jobs',
    'scraped_at',
    'duration_seconds',
  ],
};

// Any constant: serialises concurrent `init`s against one PostgreSQL database.
const PG_MIGRATION_LOCK = 727_073_691;

export interface AppliedMigration {
  name: string;
  checksum: string;
  finishedAt: string | null;
  rolledBackAt: string | null;
}

export interface SchemaStatus {
  /** The database has no tables at all. */
  empty: boolean;
  /** Legacy tables without a migrations table: the legacy Python installation made it. */
  legacy: boolean;
  applied: string[];
  pending: string[];
  /** Applied migrations whose file changed since: an error, never re-applied. */
  modified: string[];
  /** Started but never finished (a crash mid-migration on a database without transactional DDL). */
  failed: string[];
  /** Recorded in the database but not known to this version (the database is newer). */
  unknown: string[];
  current: boolean;
  latest: string | null;
  /** When the first migration finished (ISO): the database's age as a JobSearchAI database; null before `init`. */
  createdAt: string | null;
}

export interface MigrateResult {
  adopted: boolean;
  applied: string[];
  status: SchemaStatus;
}

export async function tableNames(driver: SqlDriver): Promise<string[]> {
  const rows =
    driver.provider === 'sqlite'
      ? await driver.query<{ name: string }>(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
        )
      : await driver.query<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
        );
  return rows.map((row) => row.name);
}

export async function columnNames(driver: SqlDriver, table: string): Promise<string[]> {
  const rows =
    driver.provider === 'sqlite'
      ? await driver.query<{ name: string }>(`SELECT name FROM pragma_table_info(?)`, [table])
      : await driver.query<{ name: string }>(
          `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?`,
          [table],
        );
  return rows.map((row) => row.name);
}

/** SQLite keeps ISO text, pg returns Date objects: both become ISO; the earliest wins. */
function earliest(values: readonly (string | null)[]): string | null {
  const times = values
    .map((value) => (value === null ? Number.NaN : new Date(value).getTime()))
    .filter((time) => Number.isFinite(time));
  return times.length > 0 ? new Date(Math.min(...times)).toISOString() : null;
}

async function readApplied(driver: SqlDriver): Promise<AppliedMigration[]> {
  const rows = await driver.query<{ name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown }>(
    `SELECT migration_name AS name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return rows.map((row) => ({
    name: row.name,
    checksum: row.checksum,
    finishedAt:
      row.finished_at == null
        ? null
        : row.finished_at instanceof Date
          ? row.finished_at.toISOString()
          : String(row.finished_at),
    rolledBackAt: row.rolled_back_at == null ? null : String(row.rolled_back_at),
  }));
}

export async function schemaStatus(
  driver: SqlDriver,
  migrations: MigrationFile[] = loadMigrations(driver.provider),
): Promise<SchemaStatus> {
  const tables = await tableNames(driver);
  const hasTable = tables.includes('_prisma_migrations');
  const applied = hasTable ? (await readApplied(driver)).filter((m) => m.rolledBackAt === null) : [];
  const byName = new Map(migrations.map((m) => [m.name, m]));
  const finished = applied.filter((m) => m.finishedAt !== null);
  const appliedNames = new Set(finished.map((m) => m.name));
  const pending = migrations.filter((m) => !appliedNames.has(m.name)).map((m) => m.name);
  const modified = finished
    .filter((m) => byName.has(m.name) && byName.get(m.name)!.checksum !== m.checksum)
    .map((m) => m.name);
  const failed = applied.filter((m) => m.finishedAt === null).map((m) => m.name);
  const unknown = finished.filter((m) => !byName.has(m.name)).map((m) => m.name);
  return {
    empty: tables.length === 0,
    legacy: !hasTable && tables.includes('job_matches'),
    applied: finished.map((m) => m.name),
    pending,
    modified,
    failed,
    unknown,
    current: pending.length === 0 && modified.length === 0 && failed.length === 0,
    latest: finished.at(-1)?.name ?? null,
    createdAt: earliest(finished.map((m) => m.finishedAt)),
  };
}

/**
 * Creates or upgrades the schema. A database made by the legacy installation is adopted in
 * place: its columns are checked, the baseline migration (IF NOT EXISTS throughout, so it only
 * adds what older installations lack) runs and is recorded, then the later migrations apply.
 * Legacy rows are never touched.
 */
export async function migrateDatabase(driver: SqlDriver): Promise<MigrateResult> {
  const migrations = loadMigrations(driver.provider);
  const before = await schemaStatus(driver, migrations);
  if (before.modified.length > 0) {
    throw new JobSearchError(
      'DB_SCHEMA',
      `These applied migrations were edited after they ran: ${before.modified.join(', ')}. Restore their original migration.sql; never edit an applied migration, add a new one.`,
      { details: { modified: before.modified } },
    );
  }
  if (before.failed.length > 0) {
    throw new JobSearchError(
      'DB_SCHEMA',
      `These migrations started but never finished: ${before.failed.join(', ')}. Restore the latest backup (jobsearch-migrate restore) and run init again.`,
      { details: { failed: before.failed } },
    );
  }
  if (before.legacy) await assertLegacyColumns(driver);
  if (!before.empty || before.pending.length > 0) await driver.script(MIGRATIONS_TABLE_DDL[driver.provider]);

  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await driver.transaction(async (tx) => {
      if (tx.provider === 'postgresql') await tx.query(`SELECT pg_advisory_xact_lock(${PG_MIGRATION_LOCK})`);
      // Checked inside the transaction: a concurrent init may have applied it meanwhile.
      const rows = await tx.query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        [migration.name],
      );
      if (Number(rows[0]?.n ?? 0) > 0) return false;
      const startedAt = nowIso();
      if (before.legacy && migration.name === BASELINE_MIGRATION && tx.provider === 'postgresql') {
        // The PostgreSQL baseline ends with an unconditional ADD CONSTRAINT (PostgreSQL has no
        // IF NOT EXISTS for it), and an applied migration can never change: on a database that
        // already has the legacy tables, drop the constraint so the baseline re-creates it as is.
        await tx.script(
          `ALTER TABLE IF EXISTS "applications" DROP CONSTRAINT IF EXISTS "applications_job_match_id_fkey"`,
        );
      }
      await tx.script(migration.sql);
      const log =
        before.legacy && migration.name === BASELINE_MIGRATION
          ? 'Baseline: adopted a database created by the legacy installation.'
          : null;
      await tx.execute(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, ?, 1)`,
        [randomUUID(), migration.checksum, nowIso(), migration.name, log, startedAt],
      );
      return true;
    });
    if (done) applied.push(migration.name);
  }
  const status = await schemaStatus(driver, migrations);
  return { adopted: before.legacy, applied, status };
}

async function assertLegacyColumns(driver: SqlDriver): Promise<void> {
  const problems: string[] = [];
  for (const [table, expected] of Object.entries(LEGACY_COLUMNS)) {
    const actual = new Set(await columnNames(driver, table));
    if (actual.size === 0) {
      problems.push(`table ${table} is missing`);
      continue;
    }
    const missing = expected.filter((column) => !actual.has(column));
    if (missing.length > 0) problems.push(`${table} lacks ${missing.join(', ')}`);
  }
  if (problems.length > 0) {
    throw new JobSearchError(
      'DB_SCHEMA',
      `This database has a job_matches table but not the legacy JobSearchAI schema (${problems.join('; ')}). Nothing was changed. Point --db at the legacy instance/jobsearchai.db or at a new file.`,
      { details: { problems } },
    );
  }
}
