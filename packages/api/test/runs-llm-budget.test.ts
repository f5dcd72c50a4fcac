import { copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCoreEnv } from '@jobsearchai/core';
import { openTestStore, startLlmStub, testProviders, type LlmStub } from '@jobsearchai/core/testing';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CV_PATH } from '../src/commands/demo-data.js';
import type { SearchManager } from '../src/searches/search-manager.js';
import { buildCli, runCli } from './helpers/built-cli.js';
import { openTestApp, type TestApp } from './helpers/test-app.js';

/** Evaluations ask for structured output; the CV summary is plain text. */
const evaluations = (llm: LlmStub) => llm.requests().filter((r) => r.body.response_format !== undefined).length;

describe.each(testProviders())('POST /api/runs with an LLM call budget (%s)', (provider) => {
  let llm: LlmStub;
  let t: TestApp | undefined;
  beforeAll(async () => {
    llm = await startLlmStub();
  });
  afterAll(async () => {
    await llm.close();
  });
  afterEach(async () => {
    llm.reset();
    await t?.cleanup();
    t = undefined;
  });

  async function open(): Promise<TestApp> {
    const core = loadCoreEnv({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: llm.baseURL });
    t = await openTestApp(provider, { config: { core } });
    mkdirSync(t.config.cvDir, { recursive: true });
    copyFileSync(SAMPLE_CV_PATH, join(t.config.cvDir, 'cv.md'));
    return t;
  }

  const post = (app: TestApp, body: unknown) =>
    request(app.app).post('/api/runs').set('content-type', 'application/json').send(JSON.stringify(body));

  it('stops the run when the budget is spent: budget_exhausted, as many evaluations as the budget', async () => {
    const app = await open();
    // Two demo pages hold 20 postings: without the budget the run would evaluate all of them.
    const res = await post(app, {
      search_term: 'IT',
      cv_path: 'cv.md',
      max_pages: 2,
      source: 'demo',
      llm_call_budget: 3,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const run = await (app.app.context.searches as SearchManager).wait(res.body.id);

    expect(run).toMatchObject({ status: 'completed', stopReason: 'budget_exhausted', llmCalls: 3, pagesScraped: 1 });
    expect(evaluations(llm)).toBe(3);
    // One CV summary besides the evaluations: the budget covers evaluations only.
    expect(llm.calls()).toBe(4);
    const matches = await request(app.app).get(`/api/matches?search_term=IT&cv_key=${run!.cvKey}&status=all`);
    expect(matches.body.items).toHaveLength(3);
  });

  it('refuses a budget that is not a whole number from 1 to 10000, naming the field', async () => {
    const app = await open();
    for (const budget of [0, -1, 1.5, 10_001, 'many', null]) {
      const res = await post(app, { search_term: 'IT', cv_path: 'cv.md', llm_call_budget: budget });
      expect(res.status, JSON.stringify(budget)).toBe(400);
      expect(res.body.detail, JSON.stringify(budget)).toMatch(
        /"llm_call_budget" must be a whole number from 1 to 10000/,
      );
    }
    expect(llm.calls()).toBe(0);
  });
});

describe('jobsearch-api search --llm-call-budget (built CLI, real process)', () => {
  let cli: Awaited<ReturnType<typeof buildCli>>;
  beforeAll(async () => {
    cli = await buildCli();
  });
  afterAll(() => cli?.remove());

  it('stops at the budget, and refuses a bad budget with exit 2 before any call', async () => {
    const [llm, t] = await Promise.all([startLlmStub(), openTestStore('sqlite')]);
    try {
      const env = { DEMO_BOARD_PORT: '0', OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: llm.baseURL };
      const args = [
        'search',
        '--search-term',
        'IT',
        '--cv',
        SAMPLE_CV_PATH,
        '--source',
        'demo',
        '--db',
        t.database.url,
      ];
      const bad = runCli(cli.path, [...args, '--llm-call-budget', '0'], env, tmpdir());
      expect((await bad.exited).code).toBe(2);
      expect(bad.stderr()).toMatch(
        /option '--llm-call-budget <n>' argument '0' is invalid\. Expected a whole number from 1 to 10000\./,
      );
      expect(llm.calls()).toBe(0);

      const search = runCli(cli.path, [...args, '--max-pages', '2', '--llm-call-budget', '2', '--json'], env, tmpdir());
      expect((await search.exited).code, search.stderr()).toBe(0);
      expect(JSON.parse(search.stdout())).toMatchObject({
        status: 'completed',
        stopReason: 'budget_exhausted',
        llmCalls: 2,
      });
      expect(evaluations(llm)).toBe(2);
      expect(llm.calls()).toBe(3);
    } finally {
      await Promise.all([llm.close(), t.cleanup()]);
    }
  }, 90_000);
});
