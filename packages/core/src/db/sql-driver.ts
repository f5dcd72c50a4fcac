/**
 * The thin SQL layer under the store and the migrator: at runtime every statement runs here,
 * on better-sqlite3 or pg directly. Statements are written once with `?` placeholders; the
 * PostgreSQL driver numbers them. One path means a store bound to a transaction reads what it
 * wrote, on both providers; Prisma's query engine would also add ~150 µs per query on SQLite
 * (TOOLCHAIN.md). Only core's store and db modules see this interface.
 */
import type { QueryObservers } from './query-observers.js';

export type Provider = 'sqlite' | 'postgresql';

export type SqlValue = string | number | bigint | null | boolean;

export interface SqlDriver {
  readonly provider: Provider;
  /** True inside `transaction()`. */
  readonly inTransaction: boolean;
  /** Told the duration of every statement, when anyone listens (the API's metrics). */
  readonly observers: QueryObservers;
  query<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement; returns the number of rows changed. */
  execute(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs several statements without parameters (migrations). */
  script(sql: string): Promise<void>;
  /** Runs `fn` in one transaction; nested calls join the outer transaction. */
  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T>;
}

/** Rewrites `?` placeholders to `$1…$n`. Our SQL never has `?` inside a literal. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
