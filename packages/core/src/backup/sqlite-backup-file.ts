import Database from 'better-sqlite3';
import { errorMessage, JobSearchError } from '../errors.js';

/** Pages copied per step of the online backup: large steps finish before a busy writer restarts the copy. */
const PAGES_PER_STEP = 1024;

export interface SqliteFileCheck {
  /** `PRAGMA integrity_check` said "ok". */
  integrity: 'ok';
  tables: string[];
  /** Rows in job_matches; null when the table is absent. */
  jobMatches: number | null;
}

/**
 * Copies a database with SQLite's online backup API: consistent even while the API or a search
 * run writes (WAL content included), unlike copying the file.
 */
export async function copySqliteDatabase(source: Database.Database, destination: string): Promise<void> {
  await source.backup(destination, { progress: () => PAGES_PER_STEP });
}

/**
 * Turns a fresh copy into one self-contained file (rollback journal instead of WAL, so no
 * `-wal`/`-shm` must travel with it) and checks it. A failed check of a copy we just made is a
 * database error (the source is damaged); inspectSqliteFile reports a bad file to restore as bad input.
 */
export function finishSqliteCopy(path: string): SqliteFileCheck {
  const db = openSqliteFile(path, 'DB_ERROR');
  try {
    db.pragma('journal_mode = DELETE');
    return checkSqliteFile(db, path, 'DB_ERROR');
  } finally {
    db.close();
  }
}

/** Integrity and tables of a database file that must not change (a backup about to be restored). */
export function inspectSqliteFile(path: string): SqliteFileCheck {
  const db = openSqliteFile(path, 'INVALID_INPUT', true);
  try {
    return checkSqliteFile(db, path, 'INVALID_INPUT');
  } finally {
    db.close();
  }
}

function openSqliteFile(path: string, code: 'DB_ERROR' | 'INVALID_INPUT', readonly = false): Database.Database {
  try {
    return new Database(path, { fileMustExist: true, readonly });
  } catch (cause) {
    throw new JobSearchError(code, `Cannot open ${path} as an SQLite database: ${errorMessage(cause)}.`, {
      cause,
      details: { path },
    });
  }
}

function checkSqliteFile(db: Database.Database, path: string, code: 'DB_ERROR' | 'INVALID_INPUT'): SqliteFileCheck {
  let problems: string[];
  try {
    problems = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((row) => row.integrity_check)
      .filter((text) => text !== 'ok');
  } catch (cause) {
    throw new JobSearchError(code, `${path} is not a readable SQLite database: ${errorMessage(cause)}.`, {
      cause,
      details: { path },
    });
  }
  if (problems.length > 0) {
    throw new JobSearchError(code, `${path} failed PRAGMA integrity_check: ${problems.slice(0, 5).join('; ')}.`, {
      details: { path, problems: problems.slice(0, 20) },
    });
  }
  const tables = (
    db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[]
  ).map((row) => row.name);
  const jobMatches = tables.includes('job_matches')
    ? Number((db.prepare('SELECT COUNT(*) AS n FROM job_matches').get() as { n: number }).n)
    : null;
  return { integrity: 'ok', tables, jobMatches };
}
