import type { SqlValue } from '../db/sql-driver.js';
import { storeDriver, type Store } from '../store/store.js';

/**
 * Raw SQL on a store's connection (bound to its transaction, if any), for tests only: seeding
 * rows with fixed timestamps, or damaging a database on purpose. Application code never needs
 * it: the store's named functions are the only way to the data at runtime.
 */
export interface TestSql {
  query<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Returns the number of rows changed. */
  execute(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Several statements without parameters. */
  script(sql: string): Promise<void>;
}

export function testSql(store: Store): TestSql {
  const driver = storeDriver(store);
  return {
    query: (sql, params) => driver.query(sql, params),
    execute: (sql, params) => driver.execute(sql, params),
    script: (sql) => driver.script(sql),
  };
}
