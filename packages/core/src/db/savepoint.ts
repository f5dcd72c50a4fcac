import type { SqlDriver } from './sql-driver.js';

let savepoints = 0;

/**
 * Runs `fn` so that its writes are all kept or all undone, without ending an enclosing
 * transaction: inside one, a SAVEPOINT that a failure of `fn` rolls back to (the enclosing
 * transaction stays usable, also on PostgreSQL); outside one, a transaction of its own. This is
 * what lets a caller commit many small units at once and still lose none of them by halves.
 */
export async function inSavepoint<T>(driver: SqlDriver, fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
  if (!driver.inTransaction) return driver.transaction(fn);
  const name = `unit_${++savepoints}`;
  await driver.script(`SAVEPOINT ${name}`);
  let result: T;
  try {
    result = await fn(driver);
  } catch (error) {
    await driver.script(`ROLLBACK TO SAVEPOINT ${name}`);
    await driver.script(`RELEASE SAVEPOINT ${name}`);
    throw error;
  }
  await driver.script(`RELEASE SAVEPOINT ${name}`);
  return result;
}
