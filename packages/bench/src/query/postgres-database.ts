import { createPostgresDatabase, type ScratchDatabase } from '@jobsearchai/core/testing';

export const DEFAULT_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * Creates `jobsearch_bench_<pid>_<suffix>` on the server of `adminUrl` (replacing a leftover of a
 * killed run) through core's test-database helper; `drop()` removes it afterwards.
 */
export function createScratchPostgres(adminUrl: string = DEFAULT_POSTGRES_URL, suffix = '0'): Promise<ScratchDatabase> {
  return createPostgresDatabase(adminUrl, `jobsearch_bench_${process.pid}_${suffix}`);
}
