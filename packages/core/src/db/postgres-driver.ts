import pg from 'pg';
import { mapDriverError } from './map-driver-error.js';
import { QueryObservers } from './query-observers.js';
import { numberPlaceholders, type SqlDriver, type SqlValue } from './sql-driver.js';

type Queryable = pg.Pool | pg.PoolClient;

// int8 (count(*), sums) as JavaScript numbers: our counters stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));
// numeric (sum/avg of float columns) likewise.
pg.types.setTypeParser(1700, (value) => Number(value));

export class PostgresDriver implements SqlDriver {
  readonly provider = 'postgresql' as const;
  readonly #client: Queryable;
  readonly #sql = new Map<string, string>();
  /** Inside a transaction all statements share one client: they run one after another. */
  #tail: Promise<unknown> = Promise.resolve();
  readonly inTransaction: boolean;
  readonly observers: QueryObservers;

  constructor(client: Queryable, inTransaction = false, observers = new QueryObservers()) {
    this.#client = client;
    this.inTransaction = inTransaction;
    this.observers = observers;
  }

  #text(sql: string): string {
    let text = this.#sql.get(sql);
    if (text === undefined) {
      text = numberPlaceholders(sql);
      this.#sql.set(sql, text);
    }
    return text;
  }

  /**
   * A pool runs concurrent statements on several clients; one client (a transaction) must get
   * them one at a time, or pg queues them itself, a behaviour it deprecates.
   */
  #send(text: string, params?: unknown[], sql = text): Promise<pg.QueryResult> {
    const query = () =>
      this.#client.query(text, params).catch((error: unknown) => Promise.reject(mapDriverError(error)));
    const run = this.observers.size === 0 ? query : () => this.#observed(sql, query);
    if (!this.inTransaction) return run();
    const result = this.#tail.then(run);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** From when the statement is sent (after earlier ones of its transaction) until its answer. */
  async #observed(sql: string, query: () => Promise<pg.QueryResult>): Promise<pg.QueryResult> {
    const started = performance.now();
    let failed = true;
    try {
      const result = await query();
      failed = false;
      return result;
    } finally {
      this.observers.notify(sql, (performance.now() - started) / 1000, failed);
    }
  }

  async query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.#send(this.#text(sql), params as unknown[], sql)).rows as T[];
  }

  async execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.#send(this.#text(sql), params as unknown[], sql)).rowCount ?? 0;
  }

  async script(sql: string): Promise<void> {
    await this.#send(sql, undefined, 'script');
  }

  async transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    const pool = this.#client as pg.Pool;
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw mapDriverError(error);
    }
    try {
      await client.query('BEGIN');
      const result = await fn(new PostgresDriver(client, true, this.observers));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
