import type { CollectContext, ConnectionsSection } from './types.js';
import { percent } from './window-math.js';

/** PostgreSQL only: connections to this database by state, and the server's use of max_connections. */
export async function collectConnections({ store }: CollectContext): Promise<ConnectionsSection | null> {
  const stats = await store.connectionStats();
  if (!stats) return null;
  return { ...stats, usedPercent: percent(stats.server, stats.max) ?? 0 };
}
