import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Provider } from '@jobsearchai/core';
import { listBackups } from '@jobsearchai/core/backup';
import { createTestDatabase, testProviders, type TestDatabase } from '@jobsearchai/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as runApi, type CliProcess } from '../../api/test/helpers/built-cli.js';
import { assertBuiltCli, runCli } from './helpers/run-cli.js';

/** The built `jobsearch-api` (`pnpm --filter @jobsearchai/api build`), as an operator runs it. */
const API_CLI = fileURLToPath(new URL('../../api/dist/cli.js', import.meta.url));

const SAMPLE_CV = new URL('../../api/assets/sample-cv.md', import.meta.url);

interface Run {
  id: number;
  status: string;
  searchTerm: string;
  jobsEvaluated?: number;
}

/**
 * Real processes end to end: `jobsearch-api serve` runs on a loopback port, `jobsearch-migrate
 * restore` runs beside it, and the API must serve the restored data at once, write its next search
 * into the restored database, and still have that search after a restart.
 */
describe.each(testProviders())('restore while the API serves (%s)', (provider: Provider) => {
  let dir: string;
  let database: TestDatabase;
  beforeAll(async () => {
    assertBuiltCli();
    if (!existsSync(API_CLI)) throw new Error(`${API_CLI} is missing: pnpm --filter @jobsearchai/api build`);
    dir = mkdtempSync(join(tmpdir(), 'restore-live-'));
    mkdirSync(join(dir, 'cv'));
    copyFileSync(SAMPLE_CV, join(dir, 'cv', 'cv.md'));
    database = provider === 'sqlite' ? sqliteIn(dir) : await createTestDatabase('postgresql');
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  function serve(init: boolean): { server: CliProcess; url: Promise<string> } {
    const server = runApi(
      API_CLI,
      ['serve', '--port', '0', '--db', database.url, ...(init ? ['--init'] : [])],
      { CV_DIR: join(dir, 'cv'), LOG_LEVEL: 'warn', RATE_LIMIT: '0', DEMO_BOARD_PORT: '0' },
      dir,
    );
    return { server, url: server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/).then((m) => m[1]!) };
  }

  const migrate = (...args: string[]) => runCli([...args, '--db', database.url], { cwd: dir });

  it('serves the restored rows right after restore, and a search started afterwards survives a restart', async () => {
    const first = serve(true);
    const url = await first.url;
    const kept = await search(url, 'IT', 1);
    const backup = await migrate('backup', '--dir', 'backups');
    expect(backup.code, backup.stderr).toBe(0);
    const [saved] = await listBackups(join(dir, 'backups'));
    const replaced = await search(url, 'Informatik', 1);
    const matchesBefore = await matches(url);
    expect(matchesBefore.some((m) => m.runId === replaced.id)).toBe(true);

    const restored = await migrate('restore', saved!.path, '--yes', '--backup-dir', 'backups');
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Restored .* from /);

    // The API process never restarted: it reads the backup's rows now.
    expect((await runs(url)).map((run) => run.id)).toEqual([kept.id]);
    const matchesAfter = await matches(url);
    expect(matchesAfter.length).toBeGreaterThan(0);
    expect(matchesAfter.some((m) => m.runId === replaced.id)).toBe(false);
    expect(matchesAfter.length).toBeLessThan(matchesBefore.length);

    const after = await search(url, 'Informatik', 1);
    expect(after.status).toBe('completed');
    const evaluated = (await matches(url)).filter((m) => m.runId === after.id).length;
    expect(evaluated).toBeGreaterThan(0);

    first.server.child.kill('SIGTERM');
    expect((await first.server.exited).code).toBe(0);
    const second = serve(false);
    const url2 = await second.url;
    try {
      const runsAfterRestart = await runs(url2);
      expect(runsAfterRestart.map((run) => run.id).sort()).toEqual([kept.id, after.id].sort());
      expect(runsAfterRestart.find((run) => run.id === after.id)).toMatchObject({ status: 'completed' });
      expect((await matches(url2)).filter((m) => m.runId === after.id).length).toBe(evaluated);
    } finally {
      second.server.child.kill('SIGTERM');
      await second.server.exited;
    }
  }, 180_000);

  it('refuses with one line while a search runs, and restores once the API stopped it', async () => {
    const running = serve(false);
    const url = await running.url;
    const [latest] = await listBackups(join(dir, 'backups'));
    // A search that runs for seconds on the demo board (throttled pages).
    const started = await fetch(`${url}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ search_term: 'IT', cv_path: 'cv.md', max_pages: 50, source: 'demo' }),
    });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: number };
    const refused = await migrate('restore', latest!.path, '--yes', '--backup-dir', 'backups');
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(new RegExp(`A search is running .*#${id} "IT".*Nothing was changed`));
    expect((await runs(url)).find((run) => run.id === id)).toMatchObject({ status: 'running' });

    running.server.child.kill('SIGTERM');
    expect((await running.server.exited).code).toBe(0);
    const restored = await migrate('restore', latest!.path, '--yes', '--backup-dir', 'backups');
    expect(restored.code, restored.stderr).toBe(0);
  }, 180_000);
});

function sqliteIn(dir: string): TestDatabase {
  const path = join(dir, 'jobsearchai.db');
  return { provider: 'sqlite', url: `file:${path}`, path, dir, drop: async () => undefined };
}

/** Starts a search through the API and waits for its end. */
async function search(url: string, term: string, maxPages: number): Promise<Run> {
  const started = await fetch(`${url}/api/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ search_term: term, cv_path: 'cv.md', max_pages: maxPages, source: 'demo' }),
  });
  expect(started.status, await started.clone().text()).toBe(202);
  const { id } = (await started.json()) as { id: number };
  for (;;) {
    const run = (await (await fetch(`${url}/api/runs/${id}`)).json()) as Run;
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function runs(url: string): Promise<Run[]> {
  return ((await (await fetch(`${url}/api/runs`)).json()) as { items: Run[] }).items;
}

async function matches(url: string): Promise<{ runId: number | null }[]> {
  return (
    (await (await fetch(`${url}/api/matches?limit=200&status=all`)).json()) as { items: { runId: number | null }[] }
  ).items;
}
