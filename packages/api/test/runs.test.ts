import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cvKey as cvKeyOf, loadCoreEnv } from '@jobsearchai/core';
import { startLlmStub, testProviders } from '@jobsearchai/core/testing';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_CV_PATH } from '../src/commands/demo-data.js';
import type { SearchManager } from '../src/searches/search-manager.js';
import { ZRunDetailResponse, ZRunsPage, ZStartRunResponse } from '../src/schemas/runs.js';
import { GatedSource } from './helpers/gated-source.js';
import { CV_A, openTestApp, PROBLEM_TYPE, type TestApp, type TestAppOptions } from './helpers/test-app.js';

const TOKEN = 'test-token-0123456789abcdef0123';

describe.each(testProviders())('search runs (%s)', (provider) => {
  let t: TestApp | undefined;
  let gate: GatedSource | undefined;
  afterEach(async () => {
    gate?.open();
    await t?.cleanup();
    t = undefined;
    gate = undefined;
  });

  async function open(options: TestAppOptions = {}): Promise<TestApp> {
    t = await openTestApp(provider, options);
    mkdirSync(t.config.cvDir, { recursive: true });
    copyFileSync(SAMPLE_CV_PATH, join(t.config.cvDir, 'cv.md'));
    return t;
  }

  async function openGated(options: TestAppOptions = {}): Promise<TestApp> {
    gate = new GatedSource();
    return open({ ...options, sources: gate });
  }

  const post = (app: TestApp, body: unknown, token?: string) => {
    const req = request(app.app).post('/api/runs').set('content-type', 'application/json');
    return (token ? req.set('authorization', `Bearer ${token}`) : req).send(JSON.stringify(body));
  };

  it('lists runs newest first with a cursor, filters them, and shows one run', async () => {
    const app = await open();
    const ids: number[] = [];
    for (const term of ['IT', 'analyst', 'IT']) {
      const run = await app.store.createRun({
        searchTerm: term,
        cvKey: CV_A,
        source: 'demo-board',
        matcher: 'heuristic',
        model: 'heuristic-v1',
        maxPages: 5,
      });
      ids.push(run.id);
      // Finished before the next 'IT' run starts: one running run per search term and CV.
      if (ids.length === 1) {
        await app.store.finishRun(run.id, {
          status: 'completed',
          stopReason: 'early_exit',
          counters: { ...run, pagesScraped: 2 },
        });
      }
    }
    const first = ZRunsPage.parse((await request(app.app).get('/api/runs?limit=2')).body);
    expect(first.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const second = ZRunsPage.parse((await request(app.app).get(`/api/runs?limit=2&cursor=${first.nextCursor}`)).body);
    expect(second).toMatchObject({
      items: [{ id: ids[0], status: 'completed', stopReason: 'early_exit', pagesScraped: 2 }],
      nextCursor: null,
    });
    expect(
      (await request(app.app).get('/api/runs?search_term=analyst')).body.items.map((r: { id: number }) => r.id),
    ).toEqual([ids[1]]);
    expect(
      (await request(app.app).get('/api/runs?status=completed')).body.items.map((r: { id: number }) => r.id),
    ).toEqual([ids[0]]);
    expect((await request(app.app).get(`/api/runs?cv_key=${CV_A.toUpperCase()}`)).body.items).toHaveLength(3);
    const detail = await request(app.app).get(`/api/runs/${ids[1]}`);
    expect(ZRunDetailResponse.parse(detail.body)).toMatchObject({ id: ids[1], status: 'running', active: false });
    const missing = await request(app.app).get('/api/runs/424242');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', detail: 'Search run 424242 does not exist.' });
  });

  it('starts a search on the demo board: 202, Location, progress on the run, matches stored', async () => {
    const app = await open();
    const res = await post(app, { search_term: 'IT', cv_path: 'cv.md', max_pages: 2, source: 'demo' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const body = ZStartRunResponse.parse(res.body);
    expect(res.headers.location).toBe(`/api/runs/${body.id}`);
    expect(body.run).toMatchObject({
      id: body.id,
      searchTerm: 'IT',
      status: 'running',
      source: 'demo-board',
      matcher: 'heuristic',
      maxPages: 2,
    });
    const finished = await (app.app.context.searches as SearchManager).wait(body.id);
    expect(finished?.status).toBe('completed');
    const run = ZRunDetailResponse.parse((await request(app.app).get(res.headers.location!)).body);
    expect(run).toMatchObject({
      status: 'completed',
      stopReason: 'max_pages',
      pagesScraped: 2,
      postingsSeen: 20,
      postingsNew: 20,
      active: false,
    });
    expect(run.cvKey).toBe(await cvKeyOf(SAMPLE_CV_PATH));
    const matches = await request(app.app).get(`/api/matches?search_term=IT&cv_key=${run.cvKey}&status=all&limit=200`);
    expect(matches.body.items).toHaveLength(20);
    const metrics = (await request(app.app).get('/metrics')).text;
    expect(metrics).toMatch(/^jobsearch_search_runs_total\{status="completed"\} 1$/m);
    expect(metrics).toMatch(/^jobsearch_pages_scraped_total 2$/m);
    expect(metrics).toMatch(/^jobsearch_postings_total\{kind="new"\} 20$/m);

    // The CV is now registered with its text: a second run can name it by cv_key, and dedup makes it an early exit.
    const again = await post(app, { search_term: 'IT', cv_key: run.cvKey, max_pages: 2, source: 'demo' });
    expect(again.status).toBe(202);
    const second = await (app.app.context.searches as SearchManager).wait(again.body.id);
    expect(second).toMatchObject({
      status: 'completed',
      stopReason: 'early_exit',
      postingsNew: 0,
      postingsDuplicate: 10,
      pagesScraped: 1,
    });
  });

  it("sends a run's evaluations at the tier its body names, over the server's OPENAI_SERVICE_TIER", async () => {
    const llm = await startLlmStub();
    try {
      const core = loadCoreEnv({
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: llm.baseURL,
        OPENAI_SERVICE_TIER: 'flex',
      });
      const app = await open({ config: { core } });
      const res = await post(app, {
        search_term: 'IT',
        cv_path: 'cv.md',
        max_pages: 1,
        source: 'demo',
        service_tier: 'default',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      const run = await (app.app.context.searches as SearchManager).wait(res.body.id);
      expect(run).toMatchObject({ status: 'completed', postingsNew: 10, flexFallbacks: 0 });
      const evaluations = llm.requests().filter((r) => r.body.response_format !== undefined);
      expect(evaluations.map((r) => r.body.service_tier ?? 'default')).toEqual(Array(10).fill('default'));
      const detail = ZRunDetailResponse.parse((await request(app.app).get(`/api/runs/${res.body.id}`)).body);
      expect(detail).toMatchObject({ matcher: 'openai', model: 'gpt-6-luna', flexFallbacks: 0 });
    } finally {
      await llm.close();
    }
  });

  it('refuses a second run for the same (term, cv_key) while one runs: 409, and accepts another term', async () => {
    const app = await openGated();
    const first = await post(app, { search_term: 'IT', cv_path: 'cv.md' });
    expect(first.status).toBe(202);
    await gate!.waitingFor(1);
    const second = await post(app, { search_term: 'IT', cv_path: 'cv.md', max_pages: 1 });
    expect(second.status).toBe(409);
    expect(second.headers['content-type']).toMatch(PROBLEM_TYPE);
    expect(second.body).toMatchObject({ code: 'CONFLICT', title: 'Conflict' });
    expect(second.body.detail).toMatch(/already running/);
    const live = ZRunDetailResponse.parse((await request(app.app).get(`/api/runs/${first.body.id}`)).body);
    expect(live).toMatchObject({ status: 'running', active: true });
    const other = await post(app, { search_term: 'Informatik', cv_path: 'cv.md' });
    expect(other.status).toBe(202);
    gate!.open();
    await (app.app.context.searches as SearchManager).wait(first.body.id);
    await (app.app.context.searches as SearchManager).wait(other.body.id);
    expect((await post(app, { search_term: 'IT', cv_path: 'cv.md' })).status).toBe(202);
  });

  it('refuses a run that another process (cron) is running, per the database; a stale row does not block', async () => {
    const app = await openGated();
    const key = await cvKeyOf(SAMPLE_CV_PATH);
    const cron = await app.store.createRun({
      searchTerm: 'IT',
      cvKey: key,
      source: 'ostjob',
      matcher: 'heuristic',
      model: null,
      maxPages: 10,
    });
    const res = await post(app, { search_term: 'IT', cv_path: 'cv.md' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'CONFLICT', details: { runId: cron.id } });
    expect(res.body.detail).toContain(`run ${cron.id}`);
    await t!.cleanup();

    const stale = await openGated({ config: { runStaleMinutes: 0 } });
    const dead = await stale.store.createRun({
      searchTerm: 'IT',
      cvKey: key,
      source: 'ostjob',
      matcher: 'heuristic',
      model: null,
      maxPages: 10,
    });
    expect((await post(stale, { search_term: 'IT', cv_path: 'cv.md' })).status).toBe(202);
    // The stale row ends failed, so the unique index over running runs admits the new one.
    expect(await stale.store.getRun(dead.id)).toMatchObject({ status: 'failed', stopReason: 'stale' });
  });

  it('validates the body and names each bad field', async () => {
    const app = await open();
    const cases: [unknown, RegExp][] = [
      [{}, /Body field "search_term" is required/],
      [{ search_term: 'IT' }, /give exactly one of cv_path and cv_key/],
      [{ search_term: 'IT', cv_path: 'cv.md', cv_key: CV_A }, /give exactly one of cv_path and cv_key/],
      [{ search_term: '  ', cv_path: 'cv.md' }, /"search_term" must not be blank/],
      [{ search_term: 'a/b', cv_path: 'cv.md' }, /"search_term" must not contain \//],
      [{ search_term: 'IT', cv_key: 'nope' }, /"cv_key" must be 16 hexadecimal characters/],
      [{ search_term: 'IT', cv_path: 'cv.md', max_pages: 0 }, /"max_pages" must be a whole number from 1 to 50/],
      [{ search_term: 'IT', cv_path: 'cv.md', max_pages: 'many' }, /"max_pages" must be a whole number from 1 to 50/],
      [{ search_term: 'IT', cv_path: 'cv.md', source: 'linkedin' }, /"source" must be demo or ostjob/],
      [{ search_term: 'IT', cv_path: 'cv.md', service_tier: 'priority' }, /"service_tier" must be default or flex/],
      [{ search_term: 'IT', cv_path: 'cv.md', priority: 'high' }, /unknown body field "priority"/],
      [{ search_term: 42, cv_path: 'cv.md' }, /"search_term" must be text/],
      [[1, 2], /expected object|must be/i],
    ];
    for (const [body, detail] of cases) {
      const res = await post(app, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.detail, JSON.stringify(body)).toMatch(new RegExp(detail.source, 'i'));
    }
  });

  it('reads CV files only inside CV_DIR and names unknown CV keys', async () => {
    const app = await open();
    writeFileSync(join(app.dir, 'secret.md'), '# not a CV');
    symlinkSync(join(app.dir, 'secret.md'), join(app.config.cvDir, 'link.md'));
    const cases: [unknown, RegExp][] = [
      [{ search_term: 'IT', cv_path: '../secret.md' }, /outside the server's CV directory/],
      [{ search_term: 'IT', cv_path: join(app.dir, 'secret.md') }, /outside the server's CV directory/],
      [{ search_term: 'IT', cv_path: 'link.md' }, /outside the server's CV directory/],
      [{ search_term: 'IT', cv_path: 'missing.pdf' }, /does not exist in the server's CV directory/],
      [{ search_term: 'IT', cv_path: '.' }, /outside the server's CV directory|is not a file/],
      [{ search_term: 'IT', cv_key: CV_A }, /is not a registered CV/],
    ];
    for (const [body, detail] of cases) {
      const res = await post(app, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.detail).toMatch(detail);
      expect(res.body.detail).not.toContain(app.config.cvDir);
    }
    await app.store.upsertCvVersion({
      cvKey: CV_A,
      fileName: 'legacy.pdf',
      filePath: '/old/legacy.pdf',
      fileHash: 'f'.repeat(64),
    });
    expect((await post(app, { search_term: 'IT', cv_key: CV_A })).body.detail).toMatch(/registered without its text/);
  });

  it('needs the bearer token for writes when API_TOKEN is set: 401 without or malformed, 403 when wrong', async () => {
    const app = await openGated({ config: { apiToken: TOKEN } });
    const body = { search_term: 'IT', cv_path: 'cv.md' };
    const missing = await post(app, body);
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer realm="jobsearch-api"/);
    expect(missing.body).toMatchObject({ code: 'UNAUTHORIZED' });
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', TOKEN]) {
      const res = await request(app.app)
        .post('/api/runs')
        .set('authorization', header)
        .set('content-type', 'application/json')
        .send(JSON.stringify(body));
      expect(res.status, header).toBe(401);
    }
    for (const wrong of ['wrong', `${TOKEN}x`, TOKEN.slice(0, -1), TOKEN.toUpperCase()]) {
      const res = await post(app, body, wrong);
      expect(res.status, wrong).toBe(403);
      expect(res.body).toMatchObject({ code: 'FORBIDDEN', detail: 'The API token is not valid.' });
    }
    const ok = await post(app, body, TOKEN);
    expect(ok.status).toBe(202);
    // Reads stay open.
    expect((await request(app.app).get('/api/runs')).status).toBe(200);
  });

  it('refuses cross-origin writes, non-JSON bodies, bodies over 100 kB and broken JSON', async () => {
    const app = await open();
    const crossOrigin = await request(app.app)
      .post('/api/runs')
      .set('origin', 'https://evil.example')
      .set('content-type', 'application/json')
      .send('{}');
    expect(crossOrigin.status).toBe(403);
    expect(crossOrigin.body.detail).toMatch(/another origin/);
    expect(crossOrigin.headers['access-control-allow-origin']).toBeUndefined();
    const form = await request(app.app).post('/api/runs').set('content-type', 'text/plain').send('search_term=IT');
    expect(form.status).toBe(415);
    expect(form.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const big = await request(app.app)
      .post('/api/runs')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ search_term: 'x'.repeat(110_000) }));
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const broken = await request(app.app)
      .post('/api/runs')
      .set('content-type', 'application/json')
      .send('{"search_term": ');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ code: 'INVALID_INPUT', detail: 'The request body is not valid JSON.' });
  });

  it('interrupts running searches on shutdown and marks them interrupted; refuses new ones with 503', async () => {
    const app = await openGated();
    const res = await post(app, { search_term: 'IT', cv_path: 'cv.md' });
    expect(res.status).toBe(202);
    await gate!.waitingFor(1);
    await app.app.context.searches.shutdown(5_000);
    expect((await app.store.getRun(res.body.id))?.status).toBe('interrupted');
    const refused = await post(app, { search_term: 'Informatik', cv_path: 'cv.md' });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'SHUTTING_DOWN' });
    expect(refused.headers['retry-after']).toBe('5');
  });
});
