// The migration that adds the unique index over running runs must succeed on a database where
// two processes both started one search (the state the index is there to prevent from now on).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isJobSearchError } from '../../src/errors.js';
import { testSql } from '../../src/testing/sql-for-tests.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';

const MIGRATION = '20261205165607_search_runs_one_running';

describe.each(testProviders())(
  'the one-running-run migration on a database with duplicate running runs (%s)',
  (provider) => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(provider);
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('keeps the newest running run of each pair, marks the others interrupted, then enforces one', async () => {
      const sql = testSql(t.store);
      // As the previous release left the database: no index, no heartbeat, the migration not recorded.
      await sql.script(`
      DROP INDEX search_runs_one_running;
      ALTER TABLE search_runs DROP COLUMN heartbeat_at;
      DELETE FROM _prisma_migrations WHERE migration_name = '${MIGRATION}';
    `);
      const insert = (term: string, status: string) =>
        sql.query<{ id: number }>(
          `INSERT INTO search_runs (search_term, cv_key, source, matcher, status, max_pages, started_at) VALUES (?, 'k', 'demo', 'heuristic', ?, 1, '2026-12-01T06:00:00.000Z') RETURNING id`,
          [term, status],
        );
      const [older] = await insert('IT', 'running');
      const [newer] = await insert('IT', 'running');
      const [other] = await insert('Analyst', 'running');
      const [done] = await insert('IT', 'completed');

      expect((await t.store.migrate()).applied).toEqual([MIGRATION]);

      expect(await t.store.getRun(Number(older!.id))).toMatchObject({
        status: 'interrupted',
        stopReason: 'interrupted',
      });
      expect((await t.store.getRun(Number(older!.id)))?.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect((await t.store.getRun(Number(newer!.id)))?.status).toBe('running');
      expect((await t.store.getRun(Number(other!.id)))?.status).toBe('running');
      expect((await t.store.getRun(Number(done!.id)))?.status).toBe('completed');
      const again = await insert('IT', 'running').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isJobSearchError(again, 'DUPLICATE_KEY')).toBe(true);
    });
  },
);
