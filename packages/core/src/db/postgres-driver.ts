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

  async query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    try {
      const result = await this.#client.query(this.#text(sql), params as unknown[]);
      return result.rows as T[];
    } catch (error) {
      throw mapDriverError(error);
    }
  }

  async execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    try {
      const result = await this.#client.query(this.#text(sql), params as unknown[]);
      return result.rowCount ?? 0;
    } catch (error) {
      throw mapDriverError(error);
    }
  }

  async script(sql: string): Promise<void> {
    try {
      await this.#client.query(sql);
    } catch (error) {
      throw mapDriverError(error);
    }
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
