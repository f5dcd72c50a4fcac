import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import pg from 'pg';
import type { DatabaseLocation } from '../db/database-url.js';
import { mapDriverError } from '../db/map-driver-error.js';
import { migrateDatabase } from '../db/migrate.js';
import { loadMigrations } from '../db/migration-files.js';
import { openPostgres } from '../db/open-postgres.js';
import { JobSearchError } from '../errors.js';
import { backupDatabase } from './backup-database.js';
import { archiveMigrations } from './postgres-backup-migrations.js';
import { archiveTables, listArchive, requirePostgresTool, toolFailure } from './postgres-tools.js';
import { PsqlSession } from './psql-session.js';
import { STALE_RUN_AGE_MS } from './replace-sqlite-contents.js';
import { looksLikeJobSearchDatabase, type RestoreOptions, type RestoreResult } from './restore-types.js';

const DEFAULT_LOCK_TIMEOUT_MS = 5000;
const LOCKED = 'JOBSEARCH_RESTORE_LOCKED';
const COMMITTED = 'JOBSEARCH_RESTORE_COMMITTED';
const RUNNING = 'JOBSEARCH_SEARCH_RUNNING';

type PostgresLocation = Extract<DatabaseLocation, { provider: 'postgresql' }>;

/**
 * Replaces a PostgreSQL database's JobSearchAI tables with a pg_dump archive while the API may
 * stay connected, in ONE transaction on one psql connection:
 *
 * 1. every table is locked IN SHARE MODE (reads go on, writes wait), and a search in progress
 *    makes the restore refuse (its later writes would land on a replaced run);
 * 2. with writes held, the current database is dumped by pg_dump (another session; SHARE allows
 *    its reads), so that backup holds every write the restore replaces;
 * 3. JobSearchAI tables the archive lacks are dropped, pg_restore's script (--clean --if-exists)
 *    drops and re-creates the archive's tables in the same transaction, the migrations the backup
 *    lacks run after it (a backup from an older version ends at the current schema; a database a
 *    newer release migrated gets the backup's schema back), and the transaction commits.
 *
 * Why not stop or refuse on connected sessions: the API holds idle pooled connections all the
 * time; ending them (pg_terminate_backend) fails its requests in flight, and refusing would make
 * every restore need a stopped API. Idle sessions hold no locks, so nothing waits on them.
 *
 * Other sessions are never terminated: their statements wait for the commit and then see the
 * restored tables (PostgreSQL resolves table names again after the wait). Any error rolls the
 * whole transaction back; the database is as it was.
 */
export async function restorePostgres(
  file: string,
  location: PostgresLocation,
  options: RestoreOptions,
): Promise<Omit<RestoreResult, 'durationMs'>> {
  // biome-ignore lint/style/noProcessEnv: forwards the caller's environment to the PostgreSQL client tools (PGPASSWORD, PATH); no setting is read from it.
  const env = options.env ?? process.env;
  const pgRestore = requirePostgresTool('pg_restore', env);
  requirePostgresTool('pg_dump', env);
  const psql = requirePostgresTool('psql', env);
  let tables: string[];
  let backupApplied: string[] | null;
  try {
    tables = archiveTables(await listArchive(pgRestore, file, env));
    backupApplied = await archiveMigrations(pgRestore, file, env);
  } catch (error) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `${file} is not a pg_dump archive in custom format: ${toolFailure('pg_restore', error).message}. Nothing was changed.`,
      { cause: error },
    );
  }
  if (!looksLikeJobSearchDatabase(tables)) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `${file} is not a JobSearchAI backup (tables: ${tables.join(', ') || 'none'}). Nothing was changed.`,
    );
  }
  const migrations = loadMigrations('postgresql');
  const known = new Set(migrations.map((m) => m.name));
  const newer = (backupApplied ?? []).filter((name) => !known.has(name));
  if (newer.length > 0) {
    throw new JobSearchError(
      'DB_SCHEMA',
      `The backup ${file} has migrations this version does not know (${newer.join(', ')}): it was made by a newer JobSearchAI. Upgrade jobsearch-migrate and run restore again. Nothing was changed.`,
      { details: { unknown: newer } },
    );
  }
  const pending = backupApplied ? migrations.filter((m) => !backupApplied.includes(m.name)) : [];
  const lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const liveTables = await listLiveTables(location);

  const session = new PsqlSession(psql, location.url, env);
  let previousBackup: string;
  try {
    session.send(lockAndCheck(liveTables, lockTimeoutMs));
    await session.waitFor(LOCKED);
    previousBackup = (
      await backupDatabase(location.url, {
        dir: options.backupDir,
        keep: options.keep,
        cwd: options.cwd,
        protect: [file],
        env,
      })
    ).path;
    // Only now: a DROP before pg_dump finished would make each wait for the other.
    session.send(dropTablesNotInArchive(liveTables, tables, migrations));
    await pipeRestoreScript(pgRestore, file, env, session.stdin);
    session.send(upgradeAndCommit(pending));
    await session.end();
  } catch (error) {
    await session.abort();
    throw restoreFailure(error, location, session.stderr);
  }
  const adopted = backupApplied === null ? await adoptRestored(location, lockTimeoutMs) : null;
  const jobMatches = await withClient(location.url, async (client) =>
    Number((await client.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM job_matches')).rows[0]!.n),
  );
  return {
    provider: 'postgresql',
    database: location.database,
    restoredFrom: file,
    previousBackup,
    migrationsApplied: adopted ?? pending.map((m) => m.name),
    tables,
    jobMatches,
  };
}

/**
 * The database's tables, whatever schema version it has: a rollback after a failed deployment
 * restores an older release's backup over a newer schema, which pg_restore --clean and
 * dropTablesNotInArchive replace.
 */
async function listLiveTables(location: PostgresLocation): Promise<string[]> {
  return withClient(location.url, async (client) =>
    (
      await client.query<{ name: string }>(
        `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
      )
    ).rows.map((row) => row.name),
  );
}

/** A backup without a migrations table predates them; it is adopted like `init` adopts one. */
async function adoptRestored(location: PostgresLocation, lockTimeoutMs: number): Promise<string[]> {
  const connection = await openPostgres(location.url, { poolSize: 1, lockTimeoutMs });
  try {
    return (await migrateDatabase(connection.driver)).applied;
  } finally {
    await connection.close();
  }
}

/** Opens the transaction, holds writers off, refuses while a search is in progress. */
function lockAndCheck(tables: readonly string[], lockTimeoutMs: number): string {
  const since = new Date(Date.now() - STALE_RUN_AGE_MS).toISOString();
  // to_jsonb reads heartbeat_at where the column exists: databases from before it have only the start.
  const running = `FROM search_runs r WHERE status = 'running' AND COALESCE(to_jsonb(r) ->> 'heartbeat_at', started_at) >= '${since}'`;
  const hasRuns = tables.some((table) => table.split('.').at(-1) === 'search_runs');
  return [
    'BEGIN;',
    `SET LOCAL lock_timeout = '${Math.max(1, Math.round(lockTimeoutMs))}ms';`,
    tables.length > 0 ? `LOCK TABLE ${tables.join(', ')} IN SHARE MODE;` : '',
    // A database from before search runs existed has none in progress.
    hasRuns
      ? `DO $$ BEGIN IF EXISTS (SELECT 1 ${running}) THEN RAISE EXCEPTION '${RUNNING} %', (SELECT string_agg('#' || id || ' "' || search_term || '"', ', ' ORDER BY id) ${running}); END IF; END $$;`
      : '',
    `\\echo ${LOCKED}`,
  ].join('\n');
}

/**
 * --clean drops only what the archive has: a table a later version added (in the database, not in
 * an older backup) is dropped here, so its migration re-creates it. Only tables JobSearchAI's
 * migrations create are touched; other tables in the schema are left alone.
 */
function dropTablesNotInArchive(
  liveTables: readonly string[],
  archiveTables: readonly string[],
  migrations: readonly { sql: string }[],
): string {
  const ours = new Set(['_prisma_migrations']);
  for (const migration of migrations)
    for (const match of migration.sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?(\w+)"?/g)) ours.add(match[1]!);
  const drop = liveTables.filter((qualified) => {
    const name = qualified.split('.').at(-1)!.replaceAll('"', '');
    return ours.has(name) && !archiveTables.includes(name);
  });
  return drop.length > 0 ? `DROP TABLE IF EXISTS ${drop.join(', ')} CASCADE;` : '';
}

/** pg_restore writes the archive as a script (no connection of its own) into the open session. */
function pipeRestoreScript(
  pgRestore: string,
  file: string,
  env: NodeJS.ProcessEnv,
  into: NodeJS.WritableStream,
): Promise<void> {
  const child = spawn(pgRestore, ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--file=-', file], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.pipe(into, { end: false });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(Object.assign(new Error(`pg_restore exited ${code}`), { stderr: stderr.trim() }));
    });
  });
}

/** The script left search_path empty; the migrations use the database's own default. */
function upgradeAndCommit(pending: readonly { name: string; sql: string; checksum: string }[]): string {
  const parts = ['RESET search_path;'];
  for (const migration of pending) {
    parts.push(migration.sql.trimEnd().endsWith(';') ? migration.sql : `${migration.sql};`);
    parts.push(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count) VALUES ('${randomUUID()}', '${migration.checksum}', now(), '${migration.name}', 'Applied by restore to a backup of an older version.', now(), 1);`,
    );
  }
  parts.push('COMMIT;', `\\echo ${COMMITTED}`);
  return parts.join('\n');
}

function restoreFailure(error: unknown, location: PostgresLocation, stderr: string): JobSearchError {
  if (error instanceof JobSearchError) return error;
  const running = new RegExp(`${RUNNING} (.*)`).exec(stderr);
  if (running) {
    return new JobSearchError(
      'DB_LOCKED',
      `A search is running on ${location.database} (run ${running[1]!.trim()}); wait for it to finish (GET /api/runs/<id>) or stop the process running it (stopping the API marks its searches interrupted), then run restore again. Nothing was changed.`,
    );
  }
  if (/lock timeout/i.test(stderr)) {
    return new JobSearchError(
      'DB_LOCKED',
      `Another session kept a write open on ${location.database} (an import, a migration or a long search step); wait for it to finish or stop it, and run restore again. Nothing was changed.`,
    );
  }
  const detail = (stderr || String((error as { stderr?: unknown }).stderr ?? '') || (error as Error).message)
    .split('\n')
    .slice(0, 5)
    .join(' ');
  return new JobSearchError(
    /could not connect|connection to server|password authentication/i.test(detail) ? 'DB_UNAVAILABLE' : 'DB_ERROR',
    `The restore failed and was rolled back; the database is unchanged: ${detail}`,
    { cause: error },
  );
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return await fn(client);
  } catch (error) {
    throw mapDriverError(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
