import type { CollectContext } from './types.js';

export interface DatabaseSize {
  fileBytes: number;
  walBytes: number;
}

/** SQLite: the database file plus its write-ahead log; PostgreSQL: pg_database_size of this database. */
export async function collectDatabaseSize({ store }: CollectContext): Promise<DatabaseSize> {
  const { fileBytes, walBytes } = await store.databaseSize();
  return { fileBytes, walBytes };
}
