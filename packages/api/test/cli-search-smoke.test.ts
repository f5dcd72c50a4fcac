import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { cvKey as cvKeyOf, silentLogger } from '@jobsearchai/core';
import { openTestStore, startLlmStub, testProviders, type TestStore } from '@jobsearchai/core/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { CommandEnv } from '../src/cli/command-env.js';
import { SAMPLE_CV_PATH } from '../src/commands/demo-data.js';
import { searchCommand } from '../src/commands/search.js';
import { smokeCommand } from '../src/commands/smoke.js';
import { apiConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';
import { buildCli, runCli } from './helpers/built-cli.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function commandEnv(env: NodeJS.ProcessEnv = {}): CommandEnv & { out(): string } {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { env, cwd: tmpdir(), stdout, stderr: new PassThrough(), out: () => text };
}

describe.each(testProviders())('search command (%s)', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
  });
  afterEach(async () => {
    await t?.cleanup();
  });

  it('runs one search on the demo board and prints the counters; a repeat run exits early thanks to dedup', async () => {
    // Both runs start the demo board on the same port, so the postings keep their URLs (the dedup key).
    const env = { DATABASE_URL: t.database.url, DEMO_BOARD_PORT: String(await freePort()) };
    const io = commandEnv(env);
    const first = await searchCommand(
      { searchTerm: 'IT', cv: SAMPLE_CV_PATH, maxPages: 2, source: 'demo', json: false },
      io,
    );
    expect(first.exitCode).toBe(0);
    expect(first.run).toMatchObject({
      status: 'completed',
      pagesScraped: 2,
      postingsNew: 20,
      cvKey: await cvKeyOf(SAMPLE_CV_PATH),
    });
    expect(io.out()).toMatch(/^Run \d+ completed \(max_pages\)/);
    expect(io.out()).toMatch(/pages +2 scraped, 0 saved by early exit/);
    expect(io.out()).toMatch(/postings +20 seen, 20 new, 0 duplicate, 0 reused/);

    const json = commandEnv(env);
    const second = await searchCommand(
      { searchTerm: 'IT', cv: SAMPLE_CV_PATH, maxPages: 2, source: 'demo', json: true },
      json,
    );
    expect(second.exitCode).toBe(0);
    expect(JSON.parse(json.out())).toMatchObject({
      id: second.run.id,
      status: 'completed',
      stopReason: 'early_exit',
      pagesScraped: 1,
      pagesSaved: 1,
      postingsDuplicate: 10,
    });
  });

  it('sends the evaluations of one search at the Flex tier with --service-tier', async () => {
    const llm = await startLlmStub();
    try {
      const env = {
        DATABASE_URL: t.database.url,
        DEMO_BOARD_PORT: String(await freePort()),
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: llm.baseURL,
      };
      const io = commandEnv(env);
      const run = await searchCommand(
        { searchTerm: 'IT', cv: SAMPLE_CV_PATH, maxPages: 1, source: 'demo', json: false, serviceTier: 'flex' },
        io,
      );
      expect(run.exitCode).toBe(0);
      const tiers = llm.requests().map((r) => [r.body.response_format ? 'match' : 'summary', r.body.service_tier]);
      // The CV summary goes at the default tier; every evaluation at Flex.
      expect(tiers.filter(([kind]) => kind === 'summary')).toEqual([['summary', undefined]]);
      expect(tiers.filter(([kind]) => kind === 'match')).toEqual(Array(10).fill(['match', 'flex']));
    } finally {
      await llm.close();
    }
  });

  it('fails cleanly: unreadable CV and unknown source file are usage errors, a busy (term, CV) is a conflict', async () => {
    const io = commandEnv({ DATABASE_URL: t.database.url, DEMO_BOARD_PORT: '0' });
    await expect(
      searchCommand({ searchTerm: 'IT', cv: '/nonexistent/cv.pdf', maxPages: 1, source: 'demo', json: false }, io),
    ).rejects.toMatchObject({ code: 'IO_ERROR' });
    await expect(
      searchCommand(
        { searchTerm: 'IT', cv: SAMPLE_CV_PATH, maxPages: 1, source: '/nonexistent/board.json', json: false },
        io,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await t.store.createRun({
      searchTerm: 'IT',
      cvKey: await cvKeyOf(SAMPLE_CV_PATH),
      source: 'ostjob',
      matcher: 'heuristic',
      model: null,
      maxPages: 10,
    });
    await expect(
      searchCommand({ searchTerm: 'IT', cv: SAMPLE_CV_PATH, maxPages: 1, source: 'demo', json: false }, io),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('search command with a board described in a JSON file', () => {
  it('rejects a file that does not describe a board', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobsearch-board-'));
    const t = await openTestStore('sqlite');
    try {
      writeFileSync(join(dir, 'board.json'), JSON.stringify({ name: 'x', baseUrl: 'not a url' }));
      await expect(
        searchCommand(
          { searchTerm: 'IT', cv: SAMPLE_CV_PATH, maxPages: 1, source: join(dir, 'board.json'), json: false },
          commandEnv({ DATABASE_URL: t.database.url, DEMO_BOARD_PORT: '0' }),
        ),
      ).rejects.toThrow(/does not describe a job board/);
    } finally {
      await t.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('smoke command', () => {
  let t: TestStore;
  let server: RunningServer;
  beforeAll(async () => {
    t = await openTestStore('sqlite');
    const config = apiConfig({ port: 0, rateLimit: 0, legacyJsonDirs: [] });
    server = await startServer(createApp({ store: t.store, config, logger: silentLogger() }), config, silentLogger());
  });
  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
  });

  it('passes every check against a healthy server', async () => {
    const io = commandEnv();
    const { results, exitCode } = await smokeCommand({ url: server.url, timeoutMs: 5000, json: false }, io);
    expect(exitCode).toBe(0);
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ['health', true],
      ['ready', true],
      ['matches', true],
      ['stats', true],
      ['metrics', true],
    ]);
    expect(io.out()).toMatch(/All 5 checks passed/);
  });

  it('names each failed check and why; a bad URL is a usage error', async () => {
    const behind = await openTestStore('sqlite', { migrate: false });
    const config = apiConfig({ port: 0, rateLimit: 0, legacyJsonDirs: [] });
    const stale = await startServer(
      createApp({ store: behind.store, config, logger: silentLogger() }),
      config,
      silentLogger(),
    );
    try {
      const io = commandEnv();
      const { results, exitCode } = await smokeCommand({ url: stale.url, timeoutMs: 5000, json: true }, io);
      expect(exitCode).toBe(1);
      const byName = Object.fromEntries(results.map((r) => [r.name, r]));
      expect(byName.health!.ok).toBe(true);
      expect(byName.ready).toMatchObject({ ok: false, status: 503 });
      expect(byName.ready!.message).toMatch(/HTTP 503 DB_SCHEMA: The database schema is not current/);
      expect(JSON.parse(io.out())).toMatchObject({ ok: false });
    } finally {
      await stale.close();
      await behind.cleanup();
    }
    await expect(
      smokeCommand({ url: 'localhost:3000', timeoutMs: 1000, json: false }, commandEnv()),
    ).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe('jobsearch-api search (built CLI, real process)', () => {
  it('exits 0 after a completed run, 2 on usage errors', async () => {
    const cli = await buildCli();
    const t = await openTestStore('sqlite');
    try {
      const ok = runCli(
        cli.path,
        [
          'search',
          '--search-term',
          'IT',
          '--cv',
          SAMPLE_CV_PATH,
          '--source',
          'demo',
          '--max-pages',
          '1',
          '--db',
          t.database.url,
          '--json',
        ],
        { DEMO_BOARD_PORT: '0' },
        tmpdir(),
      );
      expect((await ok.exited).code).toBe(0);
      expect(JSON.parse(ok.stdout())).toMatchObject({ status: 'completed', pagesScraped: 1 });
      const missing = runCli(cli.path, ['search', '--search-term', 'IT'], {}, tmpdir());
      expect((await missing.exited).code).toBe(2);
      expect(missing.stderr()).toMatch(/required option '--cv <path>' not specified/);
      const pages = runCli(
        cli.path,
        ['search', '--search-term', 'IT', '--cv', SAMPLE_CV_PATH, '--max-pages', '0'],
        {},
        tmpdir(),
      );
      expect((await pages.exited).code).toBe(2);
      expect(pages.stderr()).toMatch(
        /option '--max-pages <n>' argument '0' is invalid\. Expected a whole number from 1 to 50\./,
      );
      const noCv = runCli(
        cli.path,
        ['search', '--search-term', 'IT', '--cv', '/nonexistent.pdf', '--source', 'demo', '--db', t.database.url],
        { DEMO_BOARD_PORT: '0' },
        tmpdir(),
      );
      expect((await noCv.exited).code).toBe(2);
      expect(noCv.stderr()).toMatch(/Cannot read the CV file \/nonexistent\.pdf/);
    } finally {
      cli.remove();
      await t.cleanup();
    }
  }, 90_000);
});
