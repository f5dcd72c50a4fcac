import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { statementOperation, type QueryObservation } from '../../src/db/query-observers.js';
import { isJobSearchError } from '../../src/errors.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';
import { testSql } from '../../src/testing/sql-for-tests.js';
import { sampleMatch } from '../store/fixtures.js';

describe('statementOperation', () => {
  it('names a statement by its verb and first table, never by its values', () => {
    expect(statementOperation('SELECT id FROM job_matches WHERE job_url = ?')).toBe('select_job_matches');
    expect(statementOperation('  insert INTO app_events (kind) VALUES (?)')).toBe('insert_app_events');
    expect(statementOperation('UPDATE search_runs SET status = ? WHERE id = ?')).toBe('update_search_runs');
    expect(statementOperation('DELETE FROM schedules WHERE id = ?')).toBe('delete_schedules');
    expect(statementOperation('SELECT migration_name FROM "_prisma_migrations"')).toBe('select__prisma_migrations');
    expect(statementOperation('WITH x AS (SELECT 1) SELECT * FROM x JOIN job_matches ON 1')).toBe('select_x');
    expect(statementOperation('SELECT 1')).toBe('select');
    expect(statementOperation('BEGIN IMMEDIATE')).toBe('begin');
    expect(statementOperation("SELECT * FROM job_matches WHERE search_term = 'Koch'")).toBe('select_job_matches');
    expect(statementOperation('(SELECT 1)')).toBe('other');
  });
});

describe.each(testProviders())('store.observeQueries (%s)', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('reports every statement of the store and of its transactions, failed ones included, until stopped', async () => {
    const seen: QueryObservation[] = [];
    const stop = t.store.observeQueries((o) => seen.push(o));
    await t.store.recordEvent({ kind: 'db_locked', severity: 'error', component: 'api', message: 'locked' });
    await t.store.transaction(async (tx) => {
      await tx.insertMatch(sampleMatch(1));
    });
    await expect(testSql(t.store).execute('INSERT INTO no_such_table (x) VALUES (1)')).rejects.toSatisfy(
      isJobSearchError,
    );
    stop();
    const before = seen.length;
    await t.store.ping();
    expect(seen.length).toBe(before);

    const operations = seen.map((o) => o.operation);
    expect(operations).toContain('insert_app_events');
    expect(operations).toContain('insert_job_matches');
    if (provider === 'sqlite') expect(operations).toEqual(expect.arrayContaining(['begin', 'commit']));
    expect(seen.find((o) => o.operation === 'insert_no_such_table')).toMatchObject({ failed: true });
    expect(seen.find((o) => o.operation === 'insert_app_events')).toMatchObject({ failed: false });
    for (const o of seen) expect(o.seconds).toBeGreaterThanOrEqual(0);
  });

  it('does not fail a statement when an observer throws', async () => {
    t.store.observeQueries(() => {
      throw new Error('broken observer');
    });
    await expect(t.store.ping()).resolves.toBeUndefined();
  });
});
