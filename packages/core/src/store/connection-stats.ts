import type { SqlDriver } from '../db/sql-driver.js';
import type { ConnectionStats } from './types.js';

/** PostgreSQL: connections to this database by state, and the server's client connections against max_connections. SQLite: null. */
export async function connectionStats(driver: SqlDriver): Promise<ConnectionStats | null> {
  if (driver.provider !== 'postgresql') return null;
  const [own, server] = await Promise.all([
    driver.query<Record<string, unknown>>(
      `SELECT COUNT(*) AS total,
        COUNT(*) FILTER (WHERE state = 'active') AS active,
        COUNT(*) FILTER (WHERE state = 'idle') AS idle
       FROM pg_stat_activity WHERE datname = current_database()`,
    ),
    driver.query<Record<string, unknown>>(
      `SELECT (SELECT COUNT(*) FROM pg_stat_activity WHERE backend_type = 'client backend') AS used,
        (SELECT setting FROM pg_settings WHERE name = 'max_connections') AS max`,
    ),
  ]);
  const n = (value: unknown) => Number(value ?? 0);
  return {
    database: n(own[0]?.total),
    active: n(own[0]?.active),
    idle: n(own[0]?.idle),
    server: n(server[0]?.used),
    max: n(server[0]?.max),
  };
}
