import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testSql } from '../../src/testing/sql-for-tests.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';
import { sampleMatch } from './fixtures.js';

function sizeIfExists(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

describe.each(testProviders())('store: sizes, connections, planner statistics (%s)', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('measures the database and one table, both growing with the rows', async () => {
    const before = await t.store.databaseSize();
    const tableBefore = await t.store.tableBytes('job_matches');
    if (provider === 'sqlite') {
      const path = t.database.path!;
      expect(before).toEqual({
        fileBytes: statSync(path).size,
        walBytes: sizeIfExists(`${path}-wal`),
        totalBytes: before.fileBytes + before.walBytes,
      });
    } else {
      expect(before.walBytes).toBe(0);
      expect(before.totalBytes).toBe(before.fileBytes);
    }
    await t.store.insertMatches(Array.from({ length: 300 }, (_, i) => sampleMatch(i)));
    const after = await t.store.databaseSize();
    const tableAfter = await t.store.tableBytes('job_matches');
    // ~2 KB per row: the table alone grows by more than 300 KB.
    expect(tableAfter - tableBefore).toBeGreaterThan(300_000);
    expect(after.totalBytes - before.totalBytes).toBeGreaterThan(300_000);
    expect(tableAfter).toBeLessThan(after.totalBytes);
  });

  it('reports connections on PostgreSQL only', async () => {
    const stats = await t.store.connectionStats();
    if (provider === 'sqlite') {
      expect(stats).toBeNull();
      return;
    }
    expect(stats!.database).toBeGreaterThanOrEqual(1);
    expect(stats!.active).toBeGreaterThanOrEqual(1); // the query itself
    expect(stats!.server).toBeGreaterThanOrEqual(stats!.database);
    expect(stats!.max).toBeGreaterThan(0);
  });

  it('refreshes the planner statistics', async () => {
    await t.store.insertMatches(Array.from({ length: 50 }, (_, i) => sampleMatch(i)));
    await t.store.analyze();
    const sql = testSql(t.store);
    if (provider === 'sqlite') {
      const rows = await sql.query<{ tbl: string }>(`SELECT DISTINCT tbl FROM sqlite_stat1 WHERE tbl = 'job_matches'`);
      expect(rows).toEqual([{ tbl: 'job_matches' }]);
    } else {
      const rows = await sql.query<{ analyzed: boolean }>(
        `SELECT last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE relname = 'job_matches'`,
      );
      expect(rows).toEqual([{ analyzed: true }]);
    }
  });
});
