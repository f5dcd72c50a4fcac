import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { JobSearchError } from '../errors.js';
import { mapDriverError } from './map-driver-error.js';
import { SqliteDriver } from './sqlite-driver.js';

export interface SqliteConnection {
  driver: SqliteDriver;
  close(): Promise<void>;
}

export interface OpenSqliteOptions {
  /** Create the file (and its folder) when missing; false for read-only tools like `status`. */
  create: boolean;
  busyTimeoutMs: number;
}

/**
 * ~2.3 KB rows waste ~40 % of SQLite's default 4 KiB pages; 8 KiB pages make new databases about
 * 30 % smaller and bulk inserts faster. It only applies before the first table is written.
 */
const NEW_DATABASE_PAGE_SIZE = 8192;

/** One better-sqlite3 connection per store; every statement of the store runs on it. */
export async function openSqlite(path: string, options: OpenSqliteOptions): Promise<SqliteConnection> {
  const isNew = !fileHasContent(path);
  if (isNew && !options.create) {
    throw new JobSearchError(
      'DB_UNAVAILABLE',
      `No database at ${path}. Run \`jobsearch-migrate init\` to create it, or set DATABASE_URL / --db to the right file.`,
    );
  }
  if (options.create) mkdirSync(dirname(path), { recursive: true });

  let handle: Database.Database;
  try {
    handle = new Database(path, { timeout: options.busyTimeoutMs });
  } catch (error) {
    throw mapDriverError(error);
  }
  try {
    if (isNew) handle.pragma(`page_size = ${NEW_DATABASE_PAGE_SIZE}`);
    // The legacy installation sets the same PRAGMAs on every connection.
    handle.pragma('journal_mode = WAL');
    handle.pragma('synchronous = NORMAL');
    handle.pragma('foreign_keys = ON');
    handle.pragma('temp_store = MEMORY');
    handle.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
    // Bounded statistics for the planner (PRAGMA optimize at close), cheap even at millions of rows.
    handle.pragma('analysis_limit = 1000');
    // Fails fast on a file that is not a database, instead of at the first query.
    handle.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  } catch (error) {
    handle.close();
    const mapped = mapDriverError(error);
    if (mapped.code === 'DB_UNAVAILABLE' || /not a database/i.test(mapped.message)) {
      throw new JobSearchError(
        'DB_UNAVAILABLE',
        `${path} is not an SQLite database (${(error as Error).message}). Point DATABASE_URL / --db at the JobSearchAI database file.`,
        { cause: error },
      );
    }
    throw mapped;
  }
  return {
    driver: new SqliteDriver(handle),
    async close() {
      if (!handle.open) return;
      try {
        handle.pragma('optimize');
      } catch {
        // Statistics are an optimisation; a busy or read-only database just skips them.
      }
      handle.close();
    },
  };
}

function fileHasContent(path: string): boolean {
  try {
    return statSync(path).size > 0;
  } catch {
    return false;
  }
}
