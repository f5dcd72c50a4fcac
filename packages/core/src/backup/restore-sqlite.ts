import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { errorMessage, JobSearchError } from '../errors.js';
import { backupDatabase } from './backup-database.js';
import { fsyncPath } from './place-backup.js';
import { looksLikeJobSearchDatabase, type RestoreOptions, type RestoreResult } from './restore-types.js';
import { copySqliteDatabase, finishSqliteCopy, inspectSqliteFile } from './sqlite-backup-file.js';
import { removeSqliteFile } from './write-errors.js';

const DEFAULT_LOCK_TIMEOUT_MS = 250;

/**
 * Replaces an SQLite database with a backup: the backup is checked, the current database is
 * backed up, the backup is copied beside the database under a temporary name and renamed over it
 * (atomic: a crash leaves the old or the new file, never a mix), and the old `-wal`/`-shm` are
 * removed so SQLite cannot replay the old database's log into the restored one.
 */
export async function restoreSqlite(
  file: string,
  livePath: string,
  options: RestoreOptions,
): Promise<Omit<RestoreResult, 'durationMs'>> {
  if (file === livePath)
    throw new JobSearchError('INVALID_INPUT', `${file} is the database itself; name a backup file to restore.`);
  const check = inspectSqliteFile(file);
  if (!looksLikeJobSearchDatabase(check.tables)) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `${file} is an SQLite database but not a JobSearchAI backup (tables: ${check.tables.join(', ') || 'none'}). Nothing was changed.`,
    );
  }
  const exists = existsSync(livePath);
  let previousBackup: string | null = null;
  const lock = exists ? takeWriteLock(livePath, options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS) : null;
  const temp = join(dirname(livePath), `.${basename(livePath)}.restore-${process.pid}`);
  try {
    if (lock)
      previousBackup = (
        await backupDatabase(`file:${livePath}`, {
          dir: options.backupDir,
          keep: options.keep,
          cwd: options.cwd,
          protect: [file],
        })
      ).path;
    await mkdir(dirname(livePath), { recursive: true });
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await copySqliteDatabase(source, temp);
    } finally {
      source.close();
    }
    finishSqliteCopy(temp);
  } catch (error) {
    releaseLock(lock);
    await removeSqliteFile(temp);
    throw error;
  }
  releaseLock(lock);

  const removedFiles: string[] = [];
  for (const companion of [`${livePath}-wal`, `${livePath}-shm`]) {
    if (!existsSync(companion)) continue;
    await rm(companion, { force: true });
    removedFiles.push(companion);
  }
  await rename(temp, livePath);
  await fsyncPath(dirname(livePath));
  const restored = inspectSqliteFile(livePath);
  return {
    provider: 'sqlite',
    database: livePath,
    restoredFrom: file,
    previousBackup,
    removedFiles,
    tables: restored.tables,
    jobMatches: restored.jobMatches,
  };
}

/**
 * BEGIN IMMEDIATE succeeds only when no other connection is writing: a running search, an import
 * or the API in the middle of a write makes the restore refuse instead of losing that write.
 */
function takeWriteLock(path: string, timeoutMs: number): Database.Database {
  const db = new Database(path, { fileMustExist: true, timeout: timeoutMs });
  try {
    db.exec('BEGIN IMMEDIATE');
    return db;
  } catch (cause) {
    db.close();
    const busy = /^SQLITE_(BUSY|LOCKED)/.test(String((cause as { code?: unknown }).code));
    if (!busy) throw new JobSearchError('DB_UNAVAILABLE', `Cannot open ${path}: ${errorMessage(cause)}.`, { cause });
    throw new JobSearchError(
      'DB_LOCKED',
      `Another process is writing to ${path} (the API, a search run or a migration). Stop it (e.g. \`systemctl stop jobsearch-api\`) and run restore again. Nothing was changed.`,
      { cause, details: { path } },
    );
  }
}

/** Ends the lock and folds the WAL into the file, so the old database is complete on disk before it is replaced. */
function releaseLock(db: Database.Database | null): void {
  if (!db) return;
  try {
    db.exec('ROLLBACK');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
