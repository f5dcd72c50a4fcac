import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { JobSearchError } from '../errors.js';
import { backupDatabase } from './backup-database.js';
import { fsyncPath } from './place-backup.js';
import { replaceSqliteContents } from './replace-sqlite-contents.js';
import { looksLikeJobSearchDatabase, type RestoreOptions, type RestoreResult } from './restore-types.js';
import { inspectSqliteFile } from './sqlite-backup-file.js';
import { stageSqliteBackup } from './stage-sqlite-backup.js';
import { removeSqliteFile } from './write-errors.js';

/** Long enough for the API's or a search's short write transactions to finish first. */
const DEFAULT_LOCK_TIMEOUT_MS = 5000;

/**
 * Restores an SQLite backup INTO the live database instead of renaming a file over it.
 *
 * Why: the API keeps its connection open. Renaming a new file over the database (and deleting the
 * old `-wal`/`-shm`) left the API reading and writing the old, unlinked file: it served the
 * replaced data, and every search after the restore was written only there and lost at the next
 * restart. Here the file stays; its rows are replaced in one IMMEDIATE transaction, so open
 * connections see the restored rows at their next statement and keep writing into them.
 *
 * Steps: the backup is checked and copied to a staging file beside the database, which is brought
 * to this version's schema (a backup from an older version ends at the current schema); then, under
 * the live database's write lock, the current database is backed up (so that backup holds every
 * write the restore replaces), a search in progress makes the restore refuse, and the live
 * database's tables are re-created from the staged copy and filled with its rows (whatever schema
 * version the live database had: a rollback after a failed deployment restores an older release's
 * backup over a newer schema). Any failure rolls back: the database is as it was.
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
  await mkdir(dirname(livePath), { recursive: true });
  const staged = join(dirname(livePath), `.${basename(livePath)}.restore-${process.pid}`);
  let previousBackup: string | null = null;
  let migrationsApplied: string[];
  const lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  try {
    migrationsApplied = await stageSqliteBackup(file, staged);
    if (existsSync(livePath)) {
      await replaceSqliteContents(livePath, staged, {
        lockTimeoutMs,
        whileLocked: async () => {
          previousBackup = (
            await backupDatabase(`file:${livePath}`, {
              dir: options.backupDir,
              keep: options.keep,
              cwd: options.cwd,
              protect: [file],
            })
          ).path;
        },
      });
    } else {
      // Nobody can have a database open that does not exist yet: the staged file simply becomes it.
      await removeSqliteFile(livePath);
      await rename(staged, livePath);
      await fsyncPath(dirname(livePath));
    }
  } finally {
    await removeSqliteFile(staged);
  }
  const restored = inspectSqliteFile(livePath);
  return {
    provider: 'sqlite',
    database: livePath,
    restoredFrom: file,
    previousBackup,
    migrationsApplied,
    tables: restored.tables,
    jobMatches: restored.jobMatches,
  };
}
