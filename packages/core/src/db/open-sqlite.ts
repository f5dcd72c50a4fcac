import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { JobSearchError } from '../errors.js';
import { PrismaClient } from '../generated/sqlite/client.js';
import { mapDriverError } from './map-driver-error.js';
import { SqliteDriver } from './sqlite-driver.js';

export interface SqliteConnection {
  driver: SqliteDriver;
  prisma: PrismaClient;
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

/**
 * One connection, shared by Prisma's model API and the raw-SQL driver: the adapter factory is
 * wrapped so the better-sqlite3 handle it opens is also the one our statements use.
 */
export async function openSqlite(path: string, options: OpenSqliteOptions): Promise<SqliteConnection> {
  const isNew = !fileHasContent(path);
  if (isNew && !options.create) {
    throw new JobSearchError('DB_UNAVAILABLE', `No database at ${path}. Run \`jobsearch-migrate init\` to create it, or set DATABASE_URL / --db to the right file.`);
  }
  if (options.create) mkdirSync(dirname(path), { recursive: true });

  const factory = new PrismaBetterSqlite3({ url: `file:${path}`, timeout: options.busyTimeoutMs });
  let db: Database.Database | undefined;
  const capturing: SqlDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await factory.connect();
      db = (adapter as unknown as { client: Database.Database }).client;
      return adapter;
    },
  };
  const prisma = new PrismaClient({ adapter: capturing });
  try {
    await prisma.$connect();
  } catch (error) {
    throw mapDriverError(error);
  }
  if (!db) throw new JobSearchError('INTERNAL', 'The SQLite adapter did not expose its connection.');
  const handle = db;
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
    handle.prepare('SELECT COUNT(*) FROM sqlite_master').safeIntegers(false).get();
  } catch (error) {
    await prisma.$disconnect().catch(() => undefined);
    const mapped = mapDriverError(error);
    if (mapped.code === 'DB_UNAVAILABLE' || /not a database/i.test(mapped.message)) {
      throw new JobSearchError('DB_UNAVAILABLE', `${path} is not an SQLite database (${(error as Error).message}). Point DATABASE_URL / --db at the JobSearchAI database file.`, { cause: error });
    }
    throw mapped;
  }
  return {
    driver: new SqliteDriver(handle),
    prisma,
    async close() {
      if (handle.open) {
        try {
          handle.pragma('optimize');
        } catch {
          // Statistics are an optimisation; a busy or read-only database just skips them.
        }
      }
      await prisma.$disconnect();
      if (handle.open) handle.close();
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
