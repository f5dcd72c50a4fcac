import { copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCoreEnv } from '@jobsearchai/core';
import { openTestStore, startLlmStub, testProviders, type LlmStub } from '@jobsearchai/core/testing';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CV_PATH } from '../src/commands/demo-data.js';
import { buildCli, runCli } from './helpers/built-cli.js';
import { openTestApp, PROBLEM_TYPE, type TestApp } from './helpers/test-app.js';

/** The matcher is the real OpenAIMatcher (the openai SDK over HTTP) against core's stub, set to reject the key. */
describe.each(testProviders())('POST /api/runs when the LLM fails the CV summary (%s)', (provider) => {
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

  it('answers 502 LLM_ERROR naming the failure and the settings to check, and starts no run', async () => {
    const core = loadCoreEnv({ OPENAI_API_KEY: 'wrong-key', OPENAI_BASE_URL: llm.baseURL });
    t = await openTestApp(provider, { config: { core } });
    mkdirSync(t.config.cvDir, { recursive: true });
    copyFileSync(SAMPLE_CV_PATH, join(t.config.cvDir, 'cv.md'));
    llm.setFaults({ unauthorized: 'always' });

    const res = await request(t.app)
      .post('/api/runs')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ search_term: 'IT', cv_path: 'cv.md', max_pages: 1, source: 'demo' }));

    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toMatch(PROBLEM_TYPE);
    expect(res.body).toMatchObject({ status: 502, title: 'Bad Gateway', code: 'LLM_ERROR' });
    expect(res.body.detail).toMatch(/^The LLM could not summarise the CV: 401 Incorrect API key provided \(stub\)/);
    expect(res.body.detail).toMatch(/Check OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL/);
    // The failed calls' records stay in the log; the client gets no internals.
    expect(res.body).not.toHaveProperty('details');
    expect(llm.requests().map((r) => [r.status, r.faults])).toEqual([[401, ['unauthorized']]]);
    expect((await request(t.app).get('/api/runs')).body.items).toEqual([]);

    // The same CV starts once the LLM answers again.
    llm.setFaults({});
    const retry = await request(t.app)
      .post('/api/runs')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ search_term: 'IT', cv_path: 'cv.md', max_pages: 1, source: 'demo' }));
    expect(retry.status, JSON.stringify(retry.body)).toBe(202);
  });
});

describe('jobsearch-api search when the LLM fails the CV summary (built CLI, real process)', () => {
  it('exits 1 with one line naming the failure and the settings to check', async () => {
    const [cli, llm, t] = await Promise.all([buildCli(), startLlmStub(), openTestStore('sqlite')]);
    try {
      llm.setFaults({ unauthorized: 'always' });
      const search = runCli(
        cli.path,
        ['search', '--search-term', 'IT', '--cv', SAMPLE_CV_PATH, '--source', 'demo', '--db', t.database.url],
        { DEMO_BOARD_PORT: '0', OPENAI_API_KEY: 'wrong-key', OPENAI_BASE_URL: llm.baseURL },
        tmpdir(),
      );
      expect((await search.exited).code).toBe(1);
      const lines = search.stderr().trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^jobsearch-api: The LLM could not summarise the CV: 401 Incorrect API key provided \(stub\).*Check OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL, then try again\.$/,
      );
      expect(search.stdout()).toBe('');
      expect(llm.calls()).toBe(1);
      expect(await t.store.listRuns()).toEqual([]);
    } finally {
      cli.remove();
      await Promise.all([llm.close(), t.cleanup()]);
    }
  }, 90_000);
});
