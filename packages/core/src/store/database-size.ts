import { statSync } from 'node:fs';
import type { SqlDriver } from '../db/sql-driver.js';
import type { DatabaseSize, StoreInfo, StoreTable } from './types.js';

/** SQLite: the database file plus its write-ahead log; PostgreSQL: pg_database_size of this database. */
export async function databaseSize(driver: SqlDriver, info: StoreInfo): Promise<DatabaseSize> {
  if (driver.provider === 'sqlite') {
    const fileBytes = statSync(info.location).size;
    const walBytes = sizeIfExists(`${info.location}-wal`);
    return { fileBytes, walBytes, totalBytes: fileBytes + walBytes };
  }
  const [row] = await driver.query<{ bytes: unknown }>('SELECT pg_database_size(current_database()) AS bytes');
  const fileBytes = Number(row?.bytes ?? 0);
  return { fileBytes, walBytes: 0, totalBytes: fileBytes };
}

/** Bytes a table and its indexes occupy (SQLite: its pages, from dbstat; PostgreSQL: pg_total_relation_size). */
export async function tableBytes(driver: SqlDriver, table: StoreTable): Promise<number> {
  const [row] =
    driver.provider === 'sqlite'
      ? await driver.query<{ bytes: unknown }>(
          `SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name = ? OR name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?)`,
          [table, table],
        )
      : await driver.query<{ bytes: unknown }>('SELECT pg_total_relation_size(CAST(? AS regclass)) AS bytes', [table]);
  return Number(row?.bytes ?? 0);
}

function sizeIfExists(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
