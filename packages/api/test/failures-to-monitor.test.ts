import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, silentLogger } from '@jobsearchai/core';
import { openStore, type Store } from '@jobsearchai/core/store';
import { openTestStore, testProviders, testSql, type TestStore } from '@jobsearchai/core/testing';
import { type HealthSnapshot, monitor } from '@jobsearchai/monitoring';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { SAMPLE_CV_PATH } from '../src/commands/demo-data.js';
import { apiConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import { buildCli, runCli } from './helpers/built-cli.js';

const TOKEN = 'failures-to-monitor-token';
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** `jobsearch-monitor --once --json` on the database, as the troubleshooting guide runs it. */
async function monitorOnce(url: string): Promise<{ exitCode: number; snapshot: HealthSnapshot }> {
  const dir = mkdtempSync(join(tmpdir(), 'failures-monitor-'));
  dirs.push(dir);
  let out = '';
  const result = await monitor({
    db: url,
    once: true,
    json: true,
    cwd: dir,
    env: {},
    stdout: (text) => (out += text),
    logger: silentLogger(),
  });
  return { exitCode: result.exitCode, snapshot: JSON.parse(out) as HealthSnapshot };
}

/** Until `check` holds (the API writes a deferred event on its next retry); fails after `ms`. */
async function eventually(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function lockedEvents(store: Store): Promise<{ kind: string; component: string; details: string }[]> {
  return testSql(store).query(`SELECT kind, component, details FROM app_events WHERE kind = 'db_locked'`);
}

/**
 * Another connection keeps a write open: on SQLite `BEGIN IMMEDIATE`, on PostgreSQL a table lock
 * on schedules (inside a transaction that lasts until `release`).
 */
async function holdWriteLock(holder: Store): Promise<() => Promise<void>> {
  if (holder.provider === 'sqlite') {
    await testSql(holder).execute('BEGIN IMMEDIATE');
    return async () => void (await testSql(holder).execute('ROLLBACK'));
  }
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = holder.transaction(async (tx) => {
    await testSql(tx).execute('LOCK TABLE schedules IN ACCESS EXCLUSIVE MODE');
    locked();
    await released;
  });
  await isLocked;
  return async () => {
    release();
    await done;
  };
}

describe.each(testProviders())(
  'an API request failing on a locked database reaches jobsearch-monitor (%s)',
  (provider) => {
    let t: TestStore;
    let appStore: Store;
    let server: Awaited<ReturnType<typeof startServer>>;
    beforeAll(async () => {
      t = await openTestStore(provider);
      // The API's own connection gives up on a lock after 300 ms (5 s in production) to keep the test short.
      appStore = await openStore({ url: t.database.url, busyTimeoutMs: 300 });
      const config = apiConfig({ port: 0, rateLimit: 0, rateLimitWrites: 0, legacyJsonDirs: [], apiToken: TOKEN });
      server = await startServer(
        createApp({ store: appStore, config, logger: silentLogger() }),
        config,
        silentLogger(),
      );
    });
    afterAll(async () => {
      await server?.close();
      await appStore?.close();
      await t?.cleanup();
    });

    it('answers 503 DB_LOCKED at once, records a db_locked event once the lock is gone, and the monitor alerts', async () => {
      const before = await monitorOnce(t.database.url);
      expect(before.snapshot.errors?.byKind.db_locked ?? 0).toBe(0);
      expect(before.snapshot.alerts.map((a) => a.key)).not.toContain('dbLocked');

      const release = await holdWriteLock(t.store);
      let released = false;
      try {
        const res = await fetch(`${server.url}/api/schedules/4242`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        expect(res.status).toBe(503);
        expect(await res.json()).toMatchObject({ code: 'DB_LOCKED' });
        // The API keeps answering while the event waits for the database.
        expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
        await release();
        released = true;
      } finally {
        if (!released) await release();
      }

      await eventually(async () => (await lockedEvents(t.store)).length > 0);
      const [event] = await lockedEvents(t.store);
      expect(event).toMatchObject({ kind: 'db_locked', component: 'api' });
      expect(JSON.parse(event!.details)).toMatchObject({
        code: 'DB_LOCKED',
        method: 'DELETE',
        route: '/api/schedules/:id',
        status: 503,
      });

      const after = await monitorOnce(t.database.url);
      expect(after.exitCode).toBe(1);
      expect(after.snapshot.errors?.byKind.db_locked).toBe(1);
      expect(after.snapshot.alerts).toContainEqual(
        expect.objectContaining({ key: 'dbLocked', message: expect.stringMatching(/^1 database-locked errors/) }),
      );
    });

    it('records nothing for a client error', async () => {
      const res = await fetch(`${server.url}/api/schedules/4243`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status).toBe(404);
      const rows = await testSql(t.store).query<{ n: unknown }>(
        `SELECT COUNT(*) AS n FROM app_events WHERE component = 'api' AND kind <> 'db_locked'`,
      );
      expect(Number(rows[0]!.n)).toBe(0);
    });
  },
);

describe('an API stopping while the database still refuses a failure event (sqlite)', () => {
  it('tries once more on close and logs what it could not record', async () => {
    const t = await openTestStore('sqlite');
    const appStore = await openStore({ url: t.database.url, busyTimeoutMs: 100 });
    const lines: string[] = [];
    const logger = createLogger({
      name: 'api',
      level: 'warn',
      destination: new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          callback();
        },
      }),
    });
    try {
      const config = apiConfig({ port: 0, rateLimit: 0, rateLimitWrites: 0, legacyJsonDirs: [], apiToken: TOKEN });
      const app = createApp({ store: appStore, config, logger });
      const server = await startServer(app, config, logger);
      const release = await holdWriteLock(t.store);
      try {
        const res = await fetch(`${server.url}/api/schedules/4242`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        expect(res.status).toBe(503);
        await eventually(async () => lines.some((line) => line.includes('will retry')));
        expect(app.failures.pending).toBe(1);
        await server.close();
      } finally {
        await release();
      }
      const messages = lines.map((line) => JSON.parse(line) as { msg: string; events?: number });
      expect(messages).toContainEqual(
        expect.objectContaining({ msg: 'failure events not recorded in the database at shutdown', events: 1 }),
      );
      expect(app.failures.pending).toBe(0);
      expect(await lockedEvents(t.store)).toEqual([]);
    } finally {
      await appStore.close();
      await t.cleanup();
    }
  });
});

describe('a CLI command failing on a locked database reaches jobsearch-monitor (built jobsearch-api, real process)', () => {
  let cli: Awaited<ReturnType<typeof buildCli>>;
  beforeAll(async () => {
    cli = await buildCli();
  }, 120_000);
  afterAll(() => cli?.remove());

  const search = (url: string) =>
    runCli(
      cli.path,
      ['search', '--search-term', 'IT', '--cv', SAMPLE_CV_PATH, '--source', 'demo', '--max-pages', '1', '--db', url],
      { DEMO_BOARD_PORT: '0' },
      tmpdir(),
    );

  it('records db_locked once the lock is released within the wait, and the monitor alerts', {
    timeout: 60_000,
  }, async () => {
    const t = await openTestStore('sqlite');
    try {
      const release = await holdWriteLock(t.store);
      const child = search(t.database.url);
      // The error line comes first; then the runner waits for the lock to write the event.
      await child.waitFor(/^jobsearch-api: The database is locked/m, 'stderr');
      await release();
      const { code } = await child.exited;
      expect(code).toBe(2);
      expect(child.stderr()).not.toMatch(/could not record/);

      expect(await lockedEvents(t.store)).toEqual([
        expect.objectContaining({ kind: 'db_locked', component: 'jobsearch-api' }),
      ]);
      const { exitCode, snapshot } = await monitorOnce(t.database.url);
      expect(exitCode).toBe(1);
      expect(snapshot.errors?.byKind.db_locked).toBe(1);
      expect(snapshot.alerts.map((a) => a.key)).toContain('dbLocked');
    } finally {
      await t.cleanup();
    }
  });

  it('does not hang while the lock stays: says the failure could not be recorded and keeps its exit code', {
    timeout: 60_000,
  }, async () => {
    const t = await openTestStore('sqlite');
    try {
      const release = await holdWriteLock(t.store);
      try {
        const child = search(t.database.url);
        const { code } = await child.exited;
        expect(code).toBe(2);
        const lines = child.stderr().trim().split('\n');
        expect(lines.at(-2)).toMatch(/^jobsearch-api: The database is locked/);
        expect(lines.at(-1)).toMatch(/^jobsearch-api: could not record this failure for jobsearch-monitor \(.*locked/);
      } finally {
        await release();
      }
      expect(await lockedEvents(t.store)).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });
});
