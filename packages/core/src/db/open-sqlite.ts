import { accessSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
  /**
   * With `create`: also create a missing folder (default true). False refuses a path whose folder
   * does not exist, so that a typo in `--db` does not become a new database in a new folder.
   */
  createFolder?: boolean;
  /** Only read: works on a file this user cannot write (status, validate). */
  readonly?: boolean;
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
  if (options.readonly) return openReadonly(path, options.busyTimeoutMs);
  if (options.create) {
    const folder = dirname(path);
    if (!existsSync(folder) && options.createFolder === false)
      throw new JobSearchError(
        'INVALID_INPUT',
        `The folder ${folder} does not exist, so there is no database at ${path}. Check the path for a typo; to create the database there, create the folder first (mkdir -p ${folder}).`,
      );
    mkdirSync(folder, { recursive: true });
  }
  assertWritable(path);

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

/**
 * SQLite opens a file it cannot write read-only without a word, and the first write then fails
 * with "attempt to write a readonly database" — after prompts, or halfway. A writer checks first:
 * the file, and its folder, where SQLite creates the -wal and -shm files.
 */
function assertWritable(path: string): void {
  const folder = dirname(path);
  // SQLite manages with a read-only folder while its -wal and -shm files exist and are writable.
  const sideFiles = writable(`${path}-wal`) && writable(`${path}-shm`);
  const blocked = existsSync(path) && !writable(path) ? path : !sideFiles && !writable(folder) ? folder : null;
  if (blocked === null) return;
  const owner = ownerOf(blocked);
  const user = process.getuid?.();
  throw new JobSearchError(
    'DB_UNAVAILABLE',
    `${blocked} is not writable by this user${user === undefined ? '' : ` (uid ${user})`}${owner === null ? '' : `; it belongs to uid ${owner}`}. Run the command as the owner of the database, or fix the permissions of ${path} and its folder (the folder must be writable too, for SQLite's -wal and -shm files).`,
    { details: { path: blocked } },
  );
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function ownerOf(path: string): number | null {
  try {
    return statSync(path).uid;
  } catch {
    return null;
  }
}

/**
 * Opens the database only to read it, without leaving files behind. A reader must not create the
 * -wal and -shm files SQLite needs beside a WAL database: a read-only connection cannot remove
 * them when it closes, and files left owned by this user (root, say) lock the database's owner
 * out of writing. So:
 * - while a writer has the database open (its -wal and -shm exist), a read-only connection reads
 *   through them, the writer's latest commits included, creating nothing;
 * - a database this user may write is opened as usual (but not switched to WAL): the last
 *   connection to close removes the -wal and -shm, as every writer's does;
 * - otherwise the reader works on a private copy (the file, and its -wal if a crashed writer left
 *   one). `immutable=1` would avoid the copy, but better-sqlite3 is built without URI filenames.
 */
function openReadonly(path: string, busyTimeoutMs: number): SqliteConnection {
  if (existsSync(`${path}-wal`) && existsSync(`${path}-shm`)) {
    try {
      return readerConnection(path, busyTimeoutMs, { readonly: true, removeOnClose: null });
    } catch (error) {
      if (!isPermissionProblem(error)) throw notADatabase(path, error);
    }
  } else if (writable(path) && writable(dirname(path))) {
    try {
      return readerConnection(path, busyTimeoutMs, { readonly: false, removeOnClose: null });
    } catch (error) {
      throw notADatabase(path, error);
    }
  }
  const copyDir = mkdtempSync(join(tmpdir(), 'jobsearch-readonly-'));
  try {
    const copy = join(copyDir, 'database.db');
    copyFileSync(path, copy);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
    return readerConnection(copy, busyTimeoutMs, { readonly: false, removeOnClose: copyDir });
  } catch (error) {
    rmSync(copyDir, { recursive: true, force: true });
    throw notADatabase(path, error);
  }
}

function isPermissionProblem(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code ?? '');
  return code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN');
}

function readerConnection(
  path: string,
  busyTimeoutMs: number,
  options: { readonly: boolean; removeOnClose: string | null },
): SqliteConnection {
  const { removeOnClose } = options;
  const handle = new Database(path, { readonly: options.readonly, fileMustExist: true, timeout: busyTimeoutMs });
  try {
    handle.pragma(`busy_timeout = ${busyTimeoutMs}`);
    handle.pragma('temp_store = MEMORY');
    handle.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  } catch (error) {
    handle.close();
    throw error;
  }
  return {
    driver: new SqliteDriver(handle),
    async close() {
      if (handle.open) handle.close();
      if (removeOnClose) rmSync(removeOnClose, { recursive: true, force: true });
    },
  };
}

function notADatabase(path: string, error: unknown): JobSearchError {
  const mapped = mapDriverError(error);
  if (mapped.code !== 'DB_UNAVAILABLE' && !/not a database/i.test(mapped.message)) return mapped;
  return new JobSearchError(
    'DB_UNAVAILABLE',
    `${path} cannot be read as an SQLite database (${(error as Error).message}). Point DATABASE_URL / --db at the JobSearchAI database file.`,
    { cause: error },
  );
}

/** True for a file with at least one byte (SQLite treats an empty file as a new database). */
export function fileHasContent(path: string): boolean {
  try {
    return statSync(path).size > 0;
  } catch {
    return false;
  }
}
