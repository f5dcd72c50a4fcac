import pg from 'pg';
import { mapDriverError } from './map-driver-error.js';
import { PostgresDriver } from './postgres-driver.js';

export interface PostgresConnection {
  driver: PostgresDriver;
  close(): Promise<void>;
}

export interface OpenPostgresOptions {
  poolSize: number;
  /** Statements waiting on a lock longer than this fail as DB_LOCKED instead of hanging. */
  lockTimeoutMs: number;
}

/** One pool per store; a transaction holds one of its clients until it ends. */
export async function openPostgres(url: string, options: OpenPostgresOptions): Promise<PostgresConnection> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize,
    options: `-c lock_timeout=${options.lockTimeoutMs}`,
    application_name: 'jobsearchai',
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw mapDriverError(error);
  }
  return {
    driver: new PostgresDriver(pool),
    close: () => pool.end(),
  };
}
