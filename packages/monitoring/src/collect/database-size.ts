import { statSync } from 'node:fs';
import type { CollectContext } from './types.js';
import { num } from './sql-helpers.js';

export interface DatabaseSize {
  fileBytes: number;
  walBytes: number;
}

/** SQLite: the database file plus its write-ahead log; PostgreSQL: pg_database_size of this database. */
export async function collectDatabaseSize({ store }: CollectContext): Promise<DatabaseSize> {
  if (store.provider === 'sqlite') {
    const path = store.info.location;
    return { fileBytes: statSync(path).size, walBytes: sizeIfExists(`${path}-wal`) };
  }
  const rows = await store.driver.query<{ bytes: unknown }>('SELECT pg_database_size(current_database()) AS bytes');
  return { fileBytes: num(rows[0]?.bytes), walBytes: 0 };
}

function sizeIfExists(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
