import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASELINE_MIGRATION, loadMigrations } from '../../src/db/migration-files.js';
import { openStore } from '../../src/store/open-store.js';
import { createTestDatabase, postgresTestUrl, type TestDatabase } from '../../src/testing/test-databases.js';
import { testSql } from '../../src/testing/sql-for-tests.js';

/** The legacy tables as a PostgreSQL installation has them: the baseline DDL, applied by hand. */
async function makeLegacyDatabase(url: string): Promise<void> {
  const baseline = loadMigrations('postgresql').find((m) => m.name === BASELINE_MIGRATION)!;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(baseline.sql);
    await client.query(`INSERT INTO job_matches (job_url, search_term, cv_key, job_title, overall_match, reasoning, scraped_data, scraped_at)
      VALUES ('https://www.ostjob.ch/job/product-owner/1032053', 'IT', 'a1b2c3d4e5f60718', 'Product Owner', 8, 'Passt.', '{}', '2025-11-02T13:15:24.700803')`);
    await client.query(`INSERT INTO applications (job_match_id, status) VALUES (1, 'APPLIED')`);
  } finally {
    await client.end();
  }
}

describe.runIf(postgresTestUrl())('adopting a legacy PostgreSQL database', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('postgresql');
  });
  afterEach(async () => {
    await database.drop();
  });

  it('baselines it in place although the baseline re-adds the applications foreign key', async () => {
    await makeLegacyDatabase(database.url);
    const store = await openStore({ url: database.url });
    try {
      expect(await store.schemaStatus()).toMatchObject({ legacy: true, applied: [], current: false });
      const result = await store.migrate();
      expect(result.adopted).toBe(true);
      expect(result.applied).toEqual(loadMigrations('postgresql').map((m) => m.name));
      expect((await store.listMatches({})).items.map((m) => [m.jobUrl, m.overallMatch])).toEqual([
        ['https://www.ostjob.ch/job/product-owner/1032053', 8],
      ]);
      // The foreign key is back, exactly once, and still protects the legacy rows.
      const keys = await testSql(store).query<{ conname: string }>(
        `SELECT conname FROM pg_constraint WHERE conrelid = 'applications'::regclass AND contype = 'f'`,
      );
      expect(keys.map((k) => k.conname)).toEqual(['applications_job_match_id_fkey']);
      await expect(
        testSql(store).execute(`INSERT INTO applications (job_match_id, status) VALUES (999, 'APPLIED')`),
      ).rejects.toThrow();
      expect((await store.migrate()).applied).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
