import type { CollectContext, ConnectionsSection } from './types.js';
import { num, percent } from './sql-helpers.js';

/** PostgreSQL only: connections to this database by state, and the server's use of max_connections. */
export async function collectConnections({ store }: CollectContext): Promise<ConnectionsSection | null> {
  if (store.provider !== 'postgresql') return null;
  const [own, server] = await Promise.all([
    store.driver.query<Record<string, unknown>>(
      `SELECT COUNT(*) AS total,
        COUNT(*) FILTER (WHERE state = 'active') AS active,
        COUNT(*) FILTER (WHERE state = 'idle') AS idle
       FROM pg_stat_activity WHERE datname = current_database()`,
    ),
    store.driver.query<Record<string, unknown>>(
      `SELECT (SELECT COUNT(*) FROM pg_stat_activity WHERE backend_type = 'client backend') AS used,
        (SELECT setting FROM pg_settings WHERE name = 'max_connections') AS max`,
    ),
  ]);
  const used = num(server[0]?.used);
  const max = num(server[0]?.max);
  return {
    database: num(own[0]?.total),
    active: num(own[0]?.active),
    idle: num(own[0]?.idle),
    server: used,
    max,
    usedPercent: percent(used, max) ?? 0,
  };
}
