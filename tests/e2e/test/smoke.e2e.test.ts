import { tmpdir } from 'node:os';
import { testProviders } from '@jobsearchai/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInstallation, type Installation } from './harness/installation.js';
import { createLegacyDatabase } from './harness/legacy-database.js';
import { expectSuccess, freePort, run, start, startApi, type LongRunning } from './harness/processes.js';

interface SmokeLine {
  ok: boolean;
  name: string;
  rest: string;
}

/** `ok   health     12 ms  /api/health` or `FAIL ready      3 ms  /api/ready: HTTP 503 …`, one line a check. */
function checkLines(stdout: string): SmokeLine[] {
  return [...stdout.matchAll(/^(ok {2}|FAIL) (\S+)\s+(.*)$/gm)].map((m) => ({
    ok: m[1] === 'ok  ',
    name: m[2]!,
    rest: m[3]!,
  }));
}

const smoke = (url: string, ...args: string[]) =>
  run('jobsearch-api', ['smoke', '--url', url, '--timeout', '5000', ...args], { cwd: tmpdir() });

describe.each(testProviders())('jobsearch-api smoke against a real server (%s)', (provider) => {
  let install: Installation;
  let server: LongRunning | undefined;

  beforeEach(async () => {
    install = await createInstallation(provider);
  });

  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await install.cleanup();
  });

  it('passes every check of a healthy server; once it is stopped, every check fails as refused', async () => {
    expectSuccess(await install.migrateCli('init'), 'jobsearch-migrate init');
    const api = await startApi({ cwd: install.dir, args: ['--db', install.db] });
    server = api;

    const healthy = await smoke(api.url);
    expect(healthy.code, healthy.stdout + healthy.stderr).toBe(0);
    const passed = checkLines(healthy.stdout);
    expect(passed.map((line) => line.name)).toEqual(
      expect.arrayContaining(['health', 'ready', 'matches', 'stats', 'metrics']),
    );
    expect(passed.every((line) => line.ok)).toBe(true);
    expect(healthy.stdout).toContain(`All ${passed.length} checks passed for ${api.url}.`);
    const asJson = JSON.parse(expectSuccess(await smoke(api.url, '--json'), 'smoke --json').stdout) as {
      ok: boolean;
      checks: { name: string; ok: boolean }[];
    };
    expect(asJson.ok).toBe(true);
    expect(asJson.checks.map((check) => check.name)).toEqual(passed.map((line) => line.name));

    await api.stop();
    const stopped = await smoke(api.url);
    expect(stopped.code).toBe(1);
    const failed = checkLines(stopped.stdout);
    expect(failed).toHaveLength(passed.length);
    for (const line of failed)
      expect(line, line.name).toMatchObject({ ok: false, rest: expect.stringMatching(/connection refused/) });
    expect(stopped.stdout).toContain(`${failed.length} of ${failed.length} checks failed for ${api.url}.`);
  });

  it('names the failed check when the server runs on a database whose schema is behind', async () => {
    // The legacy installation's tables, never passed through `jobsearch-migrate init`.
    await createLegacyDatabase(install);
    const port = await freePort();
    server = start('jobsearch-api', ['serve', '--port', String(port), '--host', '127.0.0.1', '--db', install.db], {
      cwd: install.dir,
    });
    await server.waitFor(/listening on http:\/\/127\.0\.0\.1:\d+/);
    const url = `http://127.0.0.1:${port}`;

    const behind = await smoke(url);
    expect(behind.code, behind.stdout + behind.stderr).toBe(1);
    const lines = checkLines(behind.stdout);
    expect(lines.find((line) => line.name === 'health')).toMatchObject({ ok: true });
    expect(lines.find((line) => line.name === 'ready')).toMatchObject({
      ok: false,
      rest: expect.stringMatching(
        /\/api\/ready: HTTP 503 DB_SCHEMA: The database schema is not current.*jobsearch-migrate init/,
      ),
    });
    const failures = lines.filter((line) => !line.ok).length;
    expect(behind.stdout).toContain(`${failures} of ${lines.length} checks failed for ${url}.`);
  });
});

describe('jobsearch-api smoke with a malformed --url', () => {
  it('exits 2 (usage) and says what a valid URL looks like, checking nothing', async () => {
    const notUrl = await smoke('not a url');
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toMatch(
      /--url "not a url" is not a URL; give the API's base URL, e\.g\. http:\/\/127\.0\.0\.1:3000/,
    );
    expect(notUrl.stdout).toBe('');

    const wrongScheme = await smoke('ftp://127.0.0.1:3000');
    expect(wrongScheme.code).toBe(2);
    expect(wrongScheme.stderr).toMatch(/--url must be http:\/\/ or https:\/\//);
    expect(wrongScheme.stdout).toBe('');
  });
});
