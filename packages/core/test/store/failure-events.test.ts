import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobSearchError, isJobSearchError } from '../../src/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { failureEvent } from '../../src/store/failure-events.js';
import type { Store } from '../../src/store/store.js';
import { openTestStore, type TestStore } from '../../src/testing/test-databases.js';
import { testSql } from '../../src/testing/sql-for-tests.js';

describe('failureEvent', () => {
  it('names failures of the system by kind and leaves the caller’s errors out', () => {
    expect(failureEvent('api', new JobSearchError('DB_LOCKED', 'The database is locked'), { status: 503 })).toEqual({
      kind: 'db_locked',
      severity: 'error',
      component: 'api',
      message: 'JobSearchError: The database is locked',
      details: { code: 'DB_LOCKED', status: 503 },
    });
    expect(failureEvent('jobsearch-migrate', new JobSearchError('LLM_ERROR', 'x'))?.kind).toBe('llm_error');
    expect(failureEvent('jobsearch-migrate', new TypeError('boom'))).toMatchObject({
      kind: 'unexpected_error',
      message: 'TypeError: boom',
      details: { code: null },
    });
    for (const code of ['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT', 'CANCELLED'] as const)
      expect(failureEvent('api', new JobSearchError(code, 'x'))).toBeNull();
  });
});

describe('store.recordEventPromptly (sqlite, a real lock held by another connection)', () => {
  let t: TestStore;
  let other: Store;
  beforeEach(async () => {
    t = await openTestStore('sqlite');
    other = await openStore({ url: t.database.url, busyTimeoutMs: 5000 });
  });
  afterEach(async () => {
    await other.close();
    await t.cleanup();
  });

  it('gives up after its own short wait with DB_LOCKED, and the connection keeps its busy timeout', async () => {
    const event = { kind: 'db_locked', severity: 'error' as const, component: 'test', message: 'locked' };
    await testSql(t.store).execute('BEGIN IMMEDIATE');
    try {
      const error = await other.recordEventPromptly(event, 50).catch((e: unknown) => e);
      expect(isJobSearchError(error, 'DB_LOCKED')).toBe(true);
      const [timeout] = await testSql(other).query<{ timeout: number }>('PRAGMA busy_timeout');
      expect(Object.values(timeout!)[0]).toBe(5000);
    } finally {
      await testSql(t.store).execute('ROLLBACK');
    }
    await other.recordEventPromptly(event, 50);
    const rows = await testSql(t.store).query<{ component: string }>('SELECT component FROM app_events');
    expect(rows).toEqual([{ component: 'test' }]);
  });
});
