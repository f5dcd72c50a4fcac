import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { type DatabaseLocation, redactUrl, resolveDatabaseUrl } from '../db/database-url.js';
import { migrateDatabase, type SchemaStatus, schemaStatus, tableNames } from '../db/migrate.js';
import { fileHasContent, openSqlite } from '../db/open-sqlite.js';
import { PostgresDriver } from '../db/postgres-driver.js';
import type { Provider, SqlDriver } from '../db/sql-driver.js';
import { SqliteDriver } from '../db/sqlite-driver.js';
import { JobSearchError } from '../errors.js';
import { postgresReader, sqliteReader, type TableReader } from './table-readers.js';
import { postgresWriter, sqliteWriter, type TableWriter } from './table-writers.js';
import { type CopyTable, copyTables, quoteIdent } from './table-schema.js';

export interface Endpoint {
  provider: Provider;
  /** Printable: the file, or the URL without its password. */
  display: string;
}

/** The database copied from, read-only and held at one snapshot for the copy and the parity check. */
export interface CopySource extends Endpoint {
  reader: TableReader;
  tables: CopyTable[];
  /**
   * The source was a legacy database (or one with pending migrations): a temporary snapshot of it
   * was adopted by the migrator and copied instead. The source file itself is not touched.
   */
  adopted: boolean;
  close(): Promise<void>;
}

export function locate(url: string, cwd: string, role: 'source' | 'target'): DatabaseLocation {
  try {
    return resolveDatabaseUrl(url, cwd);
  } catch (error) {
    if (error instanceof JobSearchError)
      throw new JobSearchError(
        error.code,
        `--${role === 'source' ? 'from' : 'to'}: ${error.message.replace(/^Unsupported DATABASE_URL/, 'Unsupported URL').replace(/DATABASE_URL/g, 'the URL')}`,
        {
          cause: error,
        },
      );
    throw error;
  }
}

export function display(location: DatabaseLocation): string {
  return location.provider === 'sqlite' ? location.path : redactUrl(location.url);
}

/** Copying a database onto itself would empty it (--force) or refuse; either way it is a mistake. */
export function assertDifferent(source: DatabaseLocation, target: DatabaseLocation): void {
  const same =
    source.provider === 'sqlite' && target.provider === 'sqlite'
      ? realPath(source.path) === realPath(target.path)
      : source.provider === 'postgresql' &&
        target.provider === 'postgresql' &&
        serverDatabase(source.url) === serverDatabase(target.url);
  if (same) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `--from and --to name the same database (${display(target)}): give a different target.`,
    );
  }
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function serverDatabase(url: string): string {
  const parsed = new URL(url);
  const host = parsed.hostname.toLowerCase() || 'localhost';
  return `${host === '127.0.0.1' || host === '::1' || host === '[::1]' ? 'localhost' : host}:${parsed.port || '5432'}/${decodeURIComponent(parsed.pathname.slice(1))}`;
}

function assertUsable(status: SchemaStatus, role: 'source' | 'target', where: string): void {
  const problems = [
    ...status.modified.map((name) => `${name} was edited after it ran`),
    ...status.failed.map((name) => `${name} never finished`),
    ...status.unknown.map((name) => `${name} is newer than this version`),
  ];
  if (problems.length > 0) {
    throw new JobSearchError(
      'DB_SCHEMA',
      `The ${role} ${where} has migrations this version cannot work with (${problems.join('; ')}). Run \`jobsearch-migrate status --db ${where}\` and fix it first.`,
    );
  }
}

export async function openSource(
  location: DatabaseLocation,
  options: { snapshotDir?: string } = {},
): Promise<CopySource> {
  const where = display(location);
  if (location.provider === 'sqlite') {
    if (!fileHasContent(location.path)) {
      throw new JobSearchError(
        'DB_UNAVAILABLE',
        `--from: no database at ${where}. Check the path of the source database.`,
      );
    }
    const db = openReadonlySqlite(
      location.path,
      (reason) => `--from: ${where} cannot be read as an SQLite database (${reason}).`,
    );
    const status = await schemaStatus(new SqliteDriver(db));
    assertUsable(status, 'source', where);
    if (status.empty) {
      db.close();
      throw new JobSearchError('INVALID_INPUT', `--from: ${where} has no tables; there is nothing to copy.`);
    }
    if (status.current) {
      // One read transaction: the copy and the parity check see the same rows.
      db.exec('BEGIN');
      const driver = new SqliteDriver(db);
      return {
        provider: 'sqlite',
        display: where,
        reader: sqliteReader(db),
        tables: await copyTables(driver),
        adopted: false,
        close: async () => {
          db.close();
        },
      };
    }
    // Legacy (or behind): adopt a snapshot, never the operator's file. The backup API copies a
    // consistent image, WAL included, while the file stays read-only.
    const dir = mkdtempSync(join(options.snapshotDir ?? tmpdir(), 'jobsearch-copy-'));
    try {
      await db.backup(join(dir, 'source.db'));
      db.close();
      const connection = await openSqlite(join(dir, 'source.db'), { create: false, busyTimeoutMs: 5000 });
      await migrateDatabase(connection.driver);
      return {
        provider: 'sqlite',
        display: where,
        reader: sqliteReader(connection.driver.database),
        tables: await copyTables(connection.driver),
        adopted: true,
        close: async () => {
          await connection.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }
  const client = await connect(location.url, 'source');
  try {
    // A read-only snapshot: nothing can be written to the source, and every read sees one state.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const driver = new PostgresDriver(asPoolClient(client), true);
    const status = await schemaStatus(driver);
    assertUsable(status, 'source', where);
    if (status.empty)
      throw new JobSearchError('INVALID_INPUT', `--from: ${where} has no tables; there is nothing to copy.`);
    if (!status.current) {
      throw new JobSearchError(
        'DB_SCHEMA',
        `--from: the schema of ${where} is not current (${status.legacy ? 'a legacy database' : `pending: ${status.pending.join(', ')}`}); copy never changes its source. Run \`jobsearch-migrate init --db <source>\` first, then copy again.`,
      );
    }
    return {
      provider: 'postgresql',
      display: where,
      reader: postgresReader(client),
      tables: await copyTables(driver),
      adopted: false,
      close: async () => {
        await client.query('ROLLBACK').catch(() => undefined);
        await client.end();
      },
    };
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

async function connect(url: string, role: 'source' | 'target'): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'jobsearchai-copy' });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const flag = role === 'source' ? 'from' : 'to';
    if ((error as { code?: string }).code === '3D000') {
      const name = decodeURIComponent(new URL(url).pathname.slice(1));
      throw new JobSearchError(
        'DB_UNAVAILABLE',
        `--${flag}: the database "${name}" does not exist on ${redactUrl(url)}. ${role === 'target' ? `Create it first (createdb ${name}), then copy again.` : 'Check the URL.'}`,
        { cause: error },
      );
    }
    throw new JobSearchError(
      'DB_UNAVAILABLE',
      `--${flag}: cannot reach ${redactUrl(url)} (${(error as Error)?.message ?? String(error)}). Check the URL and that the server is running.`,
      { cause: error },
    );
  }
  return client;
}

/** What the target holds before the copy. */
export interface TargetState {
  exists: boolean;
  schema: 'none' | 'legacy' | 'current' | 'behind';
  /** Rows per table that already exist (the migrations table not counted). */
  rows: Record<string, number>;
  totalRows: number;
}

/** A target that does not exist yet. */
const NO_TARGET: TargetState = { exists: false, schema: 'none', rows: {}, totalRows: 0 };

/** Opens an SQLite file read-only and proves it is a database; `unreadable` words the error. */
function openReadonlySqlite(path: string, unreadable: (reason: string) => string): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db?.close();
    throw new JobSearchError('DB_UNAVAILABLE', unreadable((error as Error).message), { cause: error });
  }
}

async function stateOf(driver: SqlDriver, where: string): Promise<TargetState> {
  const status = await schemaStatus(driver);
  assertUsable(status, 'target', where);
  const rows: Record<string, number> = {};
  let totalRows = 0;
  for (const name of (await tableNames(driver)).filter((table) => table !== '_prisma_migrations').sort()) {
    const [row] = await driver.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quoteIdent(name)}`);
    rows[name] = Number(row?.n ?? 0);
    totalRows += rows[name];
  }
  const schema = status.empty ? 'none' : status.legacy ? 'legacy' : status.current ? 'current' : 'behind';
  return { exists: true, schema, rows, totalRows };
}

/** Looks at the target without changing it (the dry run, and the check before --force). */
export async function inspectTarget(location: DatabaseLocation): Promise<TargetState> {
  if (location.provider === 'sqlite') {
    if (!fileHasContent(location.path)) return NO_TARGET;
    const db = openReadonlySqlite(
      location.path,
      (reason) =>
        `--to: ${location.path} exists but cannot be read as an SQLite database (${reason}). Choose a new file.`,
    );
    try {
      return await stateOf(new SqliteDriver(db), location.path);
    } finally {
      db.close();
    }
  }
  const client = await connect(location.url, 'target');
  try {
    return await stateOf(new PostgresDriver(asPoolClient(client), true), display(location));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The target, its schema made or brought up to date by the migrator, ready for one write transaction. */
export interface CopyTarget extends Endpoint {
  reader: TableReader;
  writer: TableWriter;
  tables: CopyTable[];
  appliedMigrations: string[];
  close(): Promise<void>;
}

export async function openTarget(location: DatabaseLocation): Promise<CopyTarget> {
  const where = display(location);
  if (location.provider === 'sqlite') {
    const connection = await openSqlite(location.path, { create: true, busyTimeoutMs: 5000 });
    try {
      const migrated = await migrateDatabase(connection.driver);
      const db = connection.driver.database;
      return {
        provider: 'sqlite',
        display: where,
        reader: sqliteReader(db),
        writer: sqliteWriter(db),
        tables: await copyTables(connection.driver),
        appliedMigrations: migrated.applied,
        close: () => connection.close(),
      };
    } catch (error) {
      await connection.close();
      throw error;
    }
  }
  const client = await connect(location.url, 'target');
  try {
    // The migrator wants a pool (each migration its own transaction); one short-lived one does.
    const { openPostgres } = await import('../db/open-postgres.js');
    const pool = await openPostgres(location.url, { poolSize: 1, lockTimeoutMs: 5000 });
    let applied: string[];
    try {
      applied = (await migrateDatabase(pool.driver)).applied;
    } finally {
      await pool.close();
    }
    const driver = new PostgresDriver(asPoolClient(client), true);
    return {
      provider: 'postgresql',
      display: where,
      reader: postgresReader(client),
      writer: postgresWriter(client),
      tables: await copyTables(driver),
      appliedMigrations: applied,
      close: () => client.end(),
    };
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

/** The driver only queries through it (bound to a transaction, it never releases it): a client does. */
function asPoolClient(client: pg.Client): pg.PoolClient {
  return client as unknown as pg.PoolClient;
}
