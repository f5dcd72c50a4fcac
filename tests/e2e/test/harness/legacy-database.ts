import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Installation } from './installation.js';
import { REPO_ROOT } from './processes.js';

/**
 * The database as the legacy Python installation creates and writes it: the legacy DDL (the
 * baseline migration, which is that DDL verbatim) with no migrations table, and plain SQL with
 * `?` placeholders, as sqlite3 in Python uses them.
 */
export interface LegacySql {
  run(sql: string, params?: unknown[]): Promise<void>;
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

const BASELINE = '20251101000000_legacy_baseline';

export async function legacyDdl(provider: Installation['provider']): Promise<string> {
  return readFile(join(REPO_ROOT, 'prisma', provider, 'migrations', BASELINE, 'migration.sql'), 'utf8');
}

/** Connects the way the legacy code does (its PRAGMAs on SQLite). */
export async function openLegacySql(install: Installation): Promise<LegacySql> {
  if (install.dbPath) {
    await mkdir(dirname(install.dbPath), { recursive: true });
    const db = new Database(install.dbPath, { timeout: 5_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    return {
      run: async (sql, params = []) => {
        if (params.length === 0) db.exec(sql);
        else db.prepare(sql).run(...params);
      },
      all: async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as T[],
      close: async () => {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: install.db });
  await client.connect();
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    run: async (sql, params = []) => {
      await client.query(params.length === 0 ? sql : { text: numbered(sql), values: params });
    },
    all: async <T>(sql: string, params: unknown[] = []) =>
      (await client.query({ text: numbered(sql), values: params })).rows as T[],
    close: () => client.end(),
  };
}

/** A database the legacy installation made: its tables only, no `_prisma_migrations`. */
export async function createLegacyDatabase(install: Installation): Promise<void> {
  const sql = await openLegacySql(install);
  try {
    await sql.run(await legacyDdl(install.provider));
  } finally {
    await sql.close();
  }
}
