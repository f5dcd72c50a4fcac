import type { SqlDriver } from '../db/sql-driver.js';

/**
 * Refreshes the query planner's statistics of every table, e.g. after a bulk load: autovacuum
 * would do it on PostgreSQL within a minute or so, SQLite only at close (PRAGMA optimize).
 */
export async function analyzeDatabase(driver: SqlDriver): Promise<void> {
  await driver.script('ANALYZE');
}
