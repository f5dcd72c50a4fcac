import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@jobsearchai/core/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CV_PATH } from '../src/commands/demo-data.js';
import { buildCli, runCli } from './helpers/built-cli.js';

describe('jobsearch-api serve (built CLI, real process)', () => {
  let cli: Awaited<ReturnType<typeof buildCli>>;
  let dir: string;
  beforeAll(async () => {
    cli = await buildCli();
    dir = mkdtempSync(join(tmpdir(), 'jobsearch-cli-'));
    mkdirSync(join(dir, 'cv'));
    copyFileSync(SAMPLE_CV_PATH, join(dir, 'cv', 'cv.md'));
  });
  afterAll(() => {
    cli?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('on SIGTERM finishes the request in flight, interrupts the running search, and exits 0', async () => {
    const db = join(dir, 'shutdown.db');
    const server = runCli(
      cli.path,
      ['serve', '--port', '0', '--db', `file:${db}`, '--init'],
      { CV_DIR: join(dir, 'cv'), LOG_LEVEL: 'info', RATE_LIMIT: '0', DEMO_BOARD_PORT: '0' },
      dir,
    );
    const [, url] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);

    // A search that runs for seconds on the demo board (10 pages, ~110 throttled requests).
    const started = await fetch(`${url}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ search_term: 'IT', cv_path: 'cv.md', max_pages: 50, source: 'demo' }),
    });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: number };

    // A request in flight: the server has its headers (it answered 100 Continue), the body is still to come.
    const body = JSON.stringify({ search_term: 'Informatik', cv_path: 'cv.md' });
    const inFlight = httpRequest(`${url}/api/runs`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        expect: '100-continue',
      },
    });
    const response = new Promise<{ res: IncomingMessage; text: string }>((resolve, reject) => {
      inFlight.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ res, text }));
      });
      inFlight.on('error', reject);
    });
    await new Promise<void>((resolve) => inFlight.once('continue', () => resolve()));

    server.child.kill('SIGTERM');
    await server.waitFor(/shutting down: no new connections/, 'stderr');
    inFlight.end(body);
    const { res, text } = await response;
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(text)).toMatchObject({ code: 'SHUTTING_DOWN' });

    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toMatch(/server stopped/);
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();

    const store = await openStore({ url: `file:${db}`, create: false });
    try {
      const run = await store.getRun(id);
      expect(run).toMatchObject({ status: 'interrupted' });
      expect(run!.pagesScraped).toBeLessThan(10);
    } finally {
      await store.close();
    }
  });

  it('refuses to listen on a non-loopback address without API_TOKEN (exit 2, says why)', async () => {
    const server = runCli(
      cli.path,
      ['serve', '--host', '0.0.0.0', '--port', '0', '--db', `file:${join(dir, 'refuse.db')}`, '--init'],
      {},
      dir,
    );
    expect((await server.exited).code).toBe(2);
    expect(server.stderr()).toMatch(/Refusing to listen on 0\.0\.0\.0 without API_TOKEN/);
  });

  it('reports a database that needs initialising, and usage errors, with exit 2', async () => {
    const missing = runCli(cli.path, ['serve', '--port', '0', '--db', `file:${join(dir, 'missing.db')}`], {}, dir);
    expect((await missing.exited).code).toBe(2);
    expect(missing.stderr()).toMatch(/No database at .*missing\.db.*jobsearch-migrate init/);
    const badPort = runCli(cli.path, ['serve', '--port', 'eighty'], {}, dir);
    expect((await badPort.exited).code).toBe(2);
    expect(badPort.stderr()).toMatch(
      /option '--port <port>' argument 'eighty' is invalid\. Expected a whole number from 0 to 65535\./,
    );
    const unknown = runCli(cli.path, ['launch'], {}, dir);
    expect((await unknown.exited).code).toBe(2);
    const help = runCli(cli.path, ['--help'], {}, dir);
    expect((await help.exited).code).toBe(0);
    expect(help.stdout()).toMatch(/serve.*\n.*search.*\n.*smoke/s);
  }, 60_000);

  it('serve --demo prepares demo data from the sample CV, serves it, and smoke passes against it', async () => {
    const db = join(dir, 'demo.db');
    const server = runCli(
      cli.path,
      ['serve', '--demo', '--port', '0', '--db', `file:${db}`],
      { LOG_LEVEL: 'warn', DEMO_BOARD_PORT: '0' },
      dir,
    );
    const [, url] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const matches = (await (await fetch(`${url}/api/matches?limit=200&status=all`)).json()) as {
      items: { jobUrl: string; searchTerms: string[]; evaluationCount: number; matcher: string }[];
    };
    // One row per posting, however many of the two overlapping terms found it.
    const evaluations = matches.items.reduce((sum, m) => sum + m.evaluationCount, 0);
    expect(matches.items.length).toBeGreaterThan(20);
    expect(new Set(matches.items.map((m) => m.jobUrl)).size).toBe(matches.items.length);
    expect(evaluations).toBeGreaterThan(matches.items.length);
    expect(matches.items.filter((m) => m.searchTerms.length === 2)).toHaveLength(evaluations - matches.items.length);
    expect(new Set(matches.items.flatMap((m) => m.searchTerms))).toEqual(new Set(['IT', 'Informatik']));
    expect(matches.items.every((m) => m.matcher === 'heuristic')).toBe(true);
    const runs = (await (await fetch(`${url}/api/runs`)).json()) as {
      items: { status: string; postingsReused: number }[];
    };
    expect(runs.items.map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(runs.items[0]!.postingsReused).toBeGreaterThan(0);

    const smoke = runCli(cli.path, ['smoke', '--url', url!], {}, dir);
    expect((await smoke.exited).code).toBe(0);
    expect(smoke.stdout()).toMatch(/All 5 checks passed/);

    server.child.kill('SIGINT');
    expect((await server.exited).code).toBe(0);

    // A second start keeps the data and does not seed again.
    const again = runCli(
      cli.path,
      ['serve', '--demo', '--port', '0', '--db', `file:${db}`],
      { LOG_LEVEL: 'warn', DEMO_BOARD_PORT: '0' },
      dir,
    );
    const [, url2] = await again.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    expect(((await (await fetch(`${url2}/api/runs`)).json()) as { items: unknown[] }).items).toHaveLength(2);
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);

    const down = runCli(cli.path, ['smoke', '--url', url2!, '--timeout', '2000'], {}, dir);
    expect((await down.exited).code).toBe(1);
    expect(down.stdout()).toMatch(/FAIL health .*connection refused/);
    expect(down.stdout()).toMatch(/5 of 5 checks failed/);
  }, 90_000);
});
