import { migrateDatabase, schemaStatus } from '../db/migrate.js';
import { openSqlite } from '../db/open-sqlite.js';
import { JobSearchError } from '../errors.js';
import { copySqliteDatabase, finishSqliteCopy } from './sqlite-backup-file.js';
import Database from 'better-sqlite3';

/**
 * Copies a backup to `staged` and brings the copy to this version's schema (a backup from an
 * older version gets the later migrations; a legacy database is adopted), so the rows restored
 * into the live database fit the schema the running API and CLI expect. The backup itself is
 * never written. Returns the migrations applied to the copy.
 */
export async function stageSqliteBackup(backup: string, staged: string): Promise<string[]> {
  const source = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    await copySqliteDatabase(source, staged);
  } finally {
    source.close();
  }
  finishSqliteCopy(staged);
  return migrateToCurrent(staged, `The backup ${backup}`, 5000);
}

/**
 * Applies pending migrations; a database from a newer version is refused, never downgraded. A
 * current database is only read (no write lock to wait for).
 */
export async function migrateToCurrent(path: string, what: string, busyTimeoutMs: number): Promise<string[]> {
  const connection = await openSqlite(path, { create: false, busyTimeoutMs });
  try {
    const before = await schemaStatus(connection.driver);
    const unknown = before.current ? before.unknown : (await migrateDatabase(connection.driver)).status.unknown;
    if (unknown.length > 0) {
      throw new JobSearchError(
        'DB_SCHEMA',
        `${what} has migrations this version does not know (${unknown.join(', ')}): it was made by a newer JobSearchAI. Upgrade jobsearch-migrate and run restore again. Nothing was changed.`,
        { details: { unknown } },
      );
    }
    const after = await schemaStatus(connection.driver);
    return after.applied.filter((name) => !before.applied.includes(name));
  } finally {
    await connection.close();
  }
}
