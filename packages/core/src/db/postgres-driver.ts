import pg from 'pg';
import { mapDriverError } from './map-driver-error.js';
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

  constructor(client: Queryable, inTransaction = false) {
    this.#client = client;
    this.inTransaction = inTransaction;
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
  #send(text: string, params?: unknown[]): Promise<pg.QueryResult> {
    const run = () => this.#client.query(text, params).catch((error: unknown) => Promise.reject(mapDriverError(error)));
    if (!this.inTransaction) return run();
    const result = this.#tail.then(run);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  async query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.#send(this.#text(sql), params as unknown[])).rows as T[];
  }

  async execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.#send(this.#text(sql), params as unknown[])).rowCount ?? 0;
  }

  async script(sql: string): Promise<void> {
    await this.#send(sql);
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
      const result = await fn(new PostgresDriver(client, true));
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
