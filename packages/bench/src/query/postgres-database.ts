import { openStore } from '@jobsearchai/core';

export const DEFAULT_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface ScratchPostgres {
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates `jobsearch_bench_<pid>_<n>` on the server of `adminUrl` through core's own driver (the
 * bench has no PostgreSQL client of its own) and drops it afterwards.
 */
export async function createScratchPostgres(adminUrl: string = DEFAULT_POSTGRES_URL, suffix = '0'): Promise<ScratchPostgres> {
  const name = `jobsearch_bench_${process.pid}_${suffix}`;
  await withAdmin(adminUrl, async (execute) => {
    await execute(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await execute(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(adminUrl, (execute) => execute(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined)),
  };
}

async function withAdmin<T>(adminUrl: string, fn: (execute: (sql: string) => Promise<number>) => Promise<T>): Promise<T> {
  const admin = await openStore({ url: adminUrl, poolSize: 1 });
  try {
    return await fn((sql) => admin.driver.execute(sql));
  } finally {
    await admin.close();
  }
}
