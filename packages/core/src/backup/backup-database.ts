import { mkdir, rm, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { resolveDatabaseUrl, type DatabaseLocation } from '../db/database-url.js';
import type { Provider } from '../db/sql-driver.js';
import { SqliteDriver } from '../db/sqlite-driver.js';
import { errorMessage, JobSearchError } from '../errors.js';
import { storeDriver, type Store } from '../store/store.js';
import { backupStamp, type BackupExtension } from './backup-files.js';
import { partialBackupPath, removeStalePartials } from './partial-files.js';
import { placeBackup } from './place-backup.js';
import { archiveTables, listArchive, requirePostgresTool, runPostgresTool, toolFailure } from './postgres-tools.js';
import { pruneBackups } from './retention.js';
import { copySqliteDatabase, finishSqliteCopy, type SqliteFileCheck } from './sqlite-backup-file.js';
import { removeSqliteFile, writeError } from './write-errors.js';

import { DEFAULT_BACKUP_DIR, DEFAULT_BACKUP_KEEP } from '../defaults.js';

export { DEFAULT_BACKUP_DIR, DEFAULT_BACKUP_KEEP };

export interface BackupOptions {
  /** Folder of the backups, created when missing; relative to `cwd`. Default `backups`. */
  dir?: string;
  /** How many backups to keep, newest first; default 10. */
  keep?: number;
  cwd?: string;
  /** An open store on the same database: an SQLite backup then reads through its connection. */
  store?: Store;
  /** Backups this call must not prune (restore keeps the file it restores). */
  protect?: readonly string[];
  /** PATH and libpq variables for pg_dump; default the process environment. */
  env?: NodeJS.ProcessEnv;
}

export interface BackupResult {
  provider: Provider;
  /** The database file, or the PostgreSQL database name. */
  database: string;
  path: string;
  bytes: number;
  /** What the check of the copy found: SQLite integrity_check and tables, or the archive's tables. */
  tables: string[];
  jobMatches: number | null;
  /** Older backups removed by the retention rule. */
  pruned: string[];
  durationMs: number;
}

/**
 * A verified, timestamped backup: `jobsearchai_backup_YYYYMMDD_HHMMSS.db` (SQLite, online backup
 * API, integrity-checked) or `.dump` (PostgreSQL, pg_dump custom format, its table of contents
 * checked). The copy is written under a temporary name and only gets its backup name once
 * verified; on any failure it is removed and an error says what to do.
 */
export async function backupDatabase(url: string | undefined, options: BackupOptions = {}): Promise<BackupResult> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const location = resolveDatabaseUrl(url, cwd);
  const dir = resolve(cwd, options.dir ?? DEFAULT_BACKUP_DIR);
  const keep = options.keep ?? DEFAULT_BACKUP_KEEP;
  if (!Number.isInteger(keep) || keep < 1)
    throw new JobSearchError('INVALID_INPUT', `--keep must be a whole number of at least 1, not ${keep}.`);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw writeError(error, dir, 'the backup');
  }
  await removeStalePartials(dir);
  const stamp = backupStamp(new Date());
  const temp = partialBackupPath(dir, stamp);
  const extension: BackupExtension = location.provider === 'sqlite' ? '.db' : '.dump';
  const made =
    location.provider === 'sqlite'
      ? await backupSqlite(location, temp, dir, options.store)
      : // biome-ignore lint/style/noProcessEnv: forwards the caller's environment to pg_dump (PGPASSWORD, PATH); no setting is read from it.
        await backupPostgres(location, temp, dir, options.env ?? process.env);
  let path: string;
  try {
    path = await placeBackup(temp, dir, stamp, extension);
  } catch (error) {
    await rm(temp, { force: true });
    throw writeError(error, dir, 'the backup');
  }
  const pruned = await pruneBackups(dir, keep, extension, [path, ...(options.protect ?? [])]);
  return {
    provider: location.provider,
    database: location.provider === 'sqlite' ? location.path : location.database,
    path,
    bytes: (await stat(path)).size,
    tables: made.tables,
    jobMatches: made.jobMatches,
    pruned,
    durationMs: Math.round(performance.now() - started),
  };
}

type Made = Pick<SqliteFileCheck, 'tables' | 'jobMatches'>;

async function backupSqlite(
  location: Extract<DatabaseLocation, { provider: 'sqlite' }>,
  temp: string,
  dir: string,
  store: Store | undefined,
): Promise<Made> {
  const size = await databaseSize(location.path);
  const driver = store ? storeDriver(store) : undefined;
  const shared = driver instanceof SqliteDriver ? driver.database : undefined;
  const source = shared ?? openSource(location.path);
  try {
    await copySqliteDatabase(source, temp);
    return finishSqliteCopy(temp);
  } catch (error) {
    await removeSqliteFile(temp);
    if (error instanceof JobSearchError && error.code !== 'IO_ERROR') throw error;
    throw writeError(error, dir, 'the backup', size);
  } finally {
    if (!shared) source.close();
  }
}

function openSource(path: string): Database.Database {
  try {
    return new Database(path, { fileMustExist: true, timeout: 5000 });
  } catch (cause) {
    throw new JobSearchError(
      'DB_UNAVAILABLE',
      `No database to back up at ${path} (${errorMessage(cause)}). Check DATABASE_URL / --db.`,
      { cause, details: { path } },
    );
  }
}

async function databaseSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (cause) {
    throw new JobSearchError('DB_UNAVAILABLE', `No database to back up at ${path}. Check DATABASE_URL / --db.`, {
      cause,
      details: { path },
    });
  }
}

async function backupPostgres(
  location: Extract<DatabaseLocation, { provider: 'postgresql' }>,
  temp: string,
  dir: string,
  env: NodeJS.ProcessEnv,
): Promise<Made> {
  const pgDump = requirePostgresTool('pg_dump', env);
  const pgRestore = requirePostgresTool('pg_restore', env);
  try {
    await runPostgresTool(pgDump, ['--format=custom', '--no-password', `--file=${temp}`], location.url, env);
  } catch (error) {
    await rm(temp, { force: true });
    // pg_dump reports a full disk or an unwritable folder only on stderr, beside connection failures.
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    const code = /No space left/i.test(stderr)
      ? 'ENOSPC'
      : /could not (open output|write)|Permission denied/i.test(stderr)
        ? 'EACCES'
        : null;
    if (code) throw writeError(Object.assign(new Error(stderr.split('\n')[0]), { code }), dir, 'the backup');
    throw toolFailure('pg_dump', error);
  }
  let tables: string[];
  try {
    tables = archiveTables(await listArchive(pgRestore, temp, env));
  } catch (error) {
    await rm(temp, { force: true });
    throw toolFailure('pg_restore', error);
  }
  if (!tables.includes('job_matches')) {
    await rm(temp, { force: true });
    throw new JobSearchError(
      'DB_ERROR',
      `The pg_dump archive of ${location.database} holds no job_matches table: is DATABASE_URL the JobSearchAI database? Run \`jobsearch-migrate init\` first if it is new.`,
    );
  }
  return { tables, jobMatches: null };
}
