// "Already running" is decided by the database (the partial unique index search_runs_one_running),
// so concurrent starts from separate connections — as from two API processes — admit one run.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isJobSearchError, type JobSearchError } from '../../src/errors.js';
import { emptyCounters } from '../../src/pipeline/run-counters.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import type { RunCounters, RunInput } from '../../src/store/types.js';
import { testSql } from '../../src/testing/sql-for-tests.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';

const CV_KEY = 'a'.repeat(64);
const input = (over: Partial<RunInput> = {}): RunInput => ({
  searchTerm: 'Data Engineer',
  cvKey: CV_KEY,
  source: 'demo',
  matcher: 'heuristic',
  model: null,
  maxPages: 3,
  ...over,
});
const zero: RunCounters = emptyCounters();
const HOUR_AGO = () => new Date(Date.now() - 3_600_000).toISOString();
const DAY_AGO = new Date(Date.now() - 86_400_000).toISOString();

async function conflictOf(promise: Promise<unknown>): Promise<JobSearchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isJobSearchError(error, 'CONFLICT')) throw new Error(`expected CONFLICT, got ${String(error)}`);
  return error;
}

describe.each(testProviders())('store: one running run per search term and CV (%s)', (provider) => {
  let t: TestStore;
  let other: Store;
  beforeEach(async () => {
    t = await openTestStore(provider);
    // A second connection (pool) of its own, as a second process would have.
    other = await openStore({ url: t.database.url, migrate: false });
  });
  afterEach(async () => {
    await other.close();
    await t.cleanup();
  });

  it('20 concurrent claims from two connections: one run, 19 CONFLICT naming it', async () => {
    const stores = [t.store, other];
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => stores[i % 2]!.createRun(input(), { staleBefore: HOUR_AGO() })),
    );
    const started = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason as JobSearchError);
    expect(started).toHaveLength(1);
    expect(refused).toHaveLength(19);
    const winner = (started[0] as PromiseFulfilledResult<{ id: number }>).value;
    for (const error of refused) {
      expect(error.code).toBe('CONFLICT');
      expect(error.details).toEqual({ reason: 'already_running', runId: winner.id });
      expect(error.message).toContain('is already running');
    }
    expect(await t.store.listRuns({ status: 'running' })).toHaveLength(1);
  });

  it('other pairs are not blocked, and a finished run frees its pair', async () => {
    const first = await t.store.createRun(input());
    await other.createRun(input({ searchTerm: 'Analyst' }));
    await other.createRun(input({ cvKey: 'b'.repeat(64) }));
    await conflictOf(other.createRun(input()));
    await t.store.finishRun(first.id, { status: 'completed', counters: zero });
    expect((await other.createRun(input())).status).toBe('running');
  });

  it('a refused claim inside a transaction leaves the transaction usable', async () => {
    await t.store.createRun(input());
    await t.store.transaction(async (tx) => {
      await conflictOf(tx.createRun(input()));
      expect(await tx.createRun(input({ searchTerm: 'Analyst' }))).toMatchObject({ status: 'running' });
    });
    expect(await t.store.findRunningRun('Analyst', CV_KEY)).not.toBeNull();
  });

  it('a running run silent since before staleBefore is marked failed and the claim succeeds', async () => {
    const dead = await t.store.createRun(input());
    await testSql(t.store).execute('UPDATE search_runs SET started_at = ?, heartbeat_at = ? WHERE id = ?', [
      DAY_AGO,
      DAY_AGO,
      dead.id,
    ]);
    // Without a stale limit any running run refuses.
    await conflictOf(other.createRun(input()));
    const next = await other.createRun(input(), { staleBefore: HOUR_AGO() });
    expect(await t.store.getRun(dead.id)).toMatchObject({ status: 'failed', stopReason: 'stale' });
    expect((await t.store.getRun(dead.id))?.error).toContain('stopped without recording its end');
    expect(await t.store.findRunningRun('Data Engineer', CV_KEY)).toMatchObject({ id: next.id });
  });

  it('a long run that keeps saving its counters stays alive: each save is a heartbeat', async () => {
    const alive = await t.store.createRun(input());
    await testSql(t.store).execute('UPDATE search_runs SET started_at = ?, heartbeat_at = ? WHERE id = ?', [
      DAY_AGO,
      DAY_AGO,
      alive.id,
    ]);
    await t.store.updateRunCounters(alive.id, { ...zero, pagesScraped: 1 });
    const error = await conflictOf(other.createRun(input(), { staleBefore: HOUR_AGO() }));
    expect(error.details).toMatchObject({ runId: alive.id });
    expect(await t.store.getRun(alive.id)).toMatchObject({ status: 'running', pagesScraped: 1 });
  });

  it('the index itself refuses a second running row, whatever code writes it', async () => {
    await t.store.createRun(input());
    const error = await testSql(t.store)
      .execute(
        `INSERT INTO search_runs (search_term, cv_key, source, matcher, status, max_pages, started_at) VALUES (?, ?, 'demo', 'heuristic', 'running', 1, ?)`,
        ['Data Engineer', CV_KEY, new Date().toISOString()],
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isJobSearchError(error, 'DUPLICATE_KEY')).toBe(true);
  });
});
