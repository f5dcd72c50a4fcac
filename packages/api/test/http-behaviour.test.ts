import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@jobsearchai/core';
import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { errorMiddleware } from '../src/http/problem.js';
import { isLoopbackAddress, writeGuard } from '../src/http/write-guard.js';
import { openTestApp, PROBLEM_TYPE, type TestApp, type TestAppOptions } from './helpers/test-app.js';

describe('HTTP behaviour', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });
  const open = async (options: TestAppOptions = {}) => (t = await openTestApp('sqlite', options));

  it('sends security headers with a CSP that allows only the app itself, and no CORS headers', async () => {
    const app = await open();
    const res = await request(app.app).get('/api/health').set('origin', 'https://elsewhere.example');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(app.app)
      .options('/api/runs')
      .set('origin', 'https://elsewhere.example')
      .set('access-control-request-method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('returns a request id, honouring a sane X-Request-Id from the client', async () => {
    const app = await open();
    const own = await request(app.app).get('/api/health').set('x-request-id', 'lb-7f3a.42');
    expect(own.headers['x-request-id']).toBe('lb-7f3a.42');
    const generated = await request(app.app).get('/api/matches?limit=x').set('x-request-id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.body.requestId).toBe(generated.headers['x-request-id']);
  });

  it('answers unknown paths with 404 and wrong methods with 405 and Allow', async () => {
    const app = await open();
    const unknown = await request(app.app).get('/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(PROBLEM_TYPE);
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', detail: expect.stringContaining('/api/openapi.json') });
    const method = await request(app.app).delete('/api/matches');
    expect(method.status).toBe(405);
    expect(method.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(method.body).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
    const options = await request(app.app).options('/api/runs');
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe('GET, POST, HEAD, OPTIONS');
    expect((await request(app.app).get('/elsewhere')).status).toBe(404);
    expect((await request(app.app).get('/')).body).toMatchObject({
      dashboard: 'not built',
      openapi: '/api/openapi.json',
    });
  });

  it('rate-limits API clients with 429 problems and RateLimit headers, but never the probes', async () => {
    const app = await open({ config: { rateLimit: 3 } });
    for (let i = 0; i < 3; i++) expect((await request(app.app).get('/api/search-terms')).status).toBe(200);
    const limited = await request(app.app).get('/api/search-terms');
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(PROBLEM_TYPE);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', title: 'Too Many Requests' });
    expect(limited.headers.ratelimit).toBeDefined();
    expect(limited.headers['retry-after']).toBeDefined();
    for (let i = 0; i < 5; i++) expect((await request(app.app).get('/api/health')).status).toBe(200);
  });

  it('rate-limits writes separately and more strictly', async () => {
    const app = await open({ config: { rateLimitWrites: 2 } });
    const post = () => request(app.app).post('/api/runs').set('content-type', 'application/json').send('{}');
    expect((await post()).status).toBe(400);
    expect((await post()).status).toBe(400);
    expect((await post()).status).toBe(429);
    expect((await request(app.app).get('/api/runs')).status).toBe(200);
  });

  it('serves the dashboard with a single-page-app fallback when it is built', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobsearch-dashboard-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><title>JobSearchAI</title><script type="module" src="/assets/app-1a2b.js"></script>',
    );
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log("app")');
    const app = await open({ config: { dashboardDir: dir } });
    const index = await request(app.app).get('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect(index.text).toContain('JobSearchAI');
    const route = await request(app.app).get('/matches/42').set('accept', 'text/html');
    expect(route.status).toBe(200);
    expect(route.text).toContain('JobSearchAI');
    const asset = await request(app.app).get('/assets/app-1a2b.js');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await request(app.app).get('/assets/missing.js')).status).toBe(404);
    const api = await request(app.app).get('/api/unknown').set('accept', 'text/html');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(PROBLEM_TYPE);
    expect((await request(app.app).get('/api/health')).body.status).toBe('ok');
  });
});

describe('write guard', () => {
  /** The guard in a bare app whose socket address is faked: tests only reach the server over loopback. */
  function guarded(token: string | undefined, remoteAddress: string) {
    const app = express();
    app.use((req, _res, next) => {
      Object.defineProperty(req.socket, 'remoteAddress', { value: remoteAddress, configurable: true });
      next();
    });
    app.use(writeGuard(token));
    app.all('/x', (_req, res) => res.status(204).end());
    app.use(errorMiddleware(silentLogger()));
    return app;
  }

  it('without a token accepts writes from loopback only, and reads from anywhere', async () => {
    expect((await request(guarded(undefined, '127.0.0.1')).post('/x')).status).toBe(204);
    expect((await request(guarded(undefined, '::ffff:127.0.0.1')).post('/x')).status).toBe(204);
    expect((await request(guarded(undefined, '::1')).post('/x')).status).toBe(204);
    const remote = await request(guarded(undefined, '192.168.1.20')).post('/x');
    expect(remote.status).toBe(403);
    expect(remote.body.detail).toMatch(/no API_TOKEN.*Set API_TOKEN/);
    expect((await request(guarded(undefined, '192.168.1.20')).get('/x')).status).toBe(204);
  });

  it('with a token accepts writes from any address that sends it', async () => {
    const token = 'a-long-enough-token-1234567890';
    expect(
      (await request(guarded(token, '203.0.113.9')).post('/x').set('authorization', `Bearer ${token}`)).status,
    ).toBe(204);
    expect((await request(guarded(token, '127.0.0.1')).post('/x')).status).toBe(401);
  });

  it('recognises loopback addresses', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of ['10.0.0.1', '::ffff:10.0.0.1', '1.127.0.0', '', undefined, 'fe80::1'])
      expect(isLoopbackAddress(address), String(address)).toBe(false);
  });
});
