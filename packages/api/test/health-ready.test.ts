import { testProviders } from '@jobsearchai/core/testing';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { ZHealthResponse, ZReadyResponse } from '../src/schemas/health.js';
import { openTestApp, PROBLEM_TYPE, type TestApp } from './helpers/test-app.js';

describe.each(testProviders())('health and readiness (%s)', (provider) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('answers health and ready on a current database', async () => {
    t = await openTestApp(provider);
    const health = await request(t.app).get('/api/health');
    expect(health.status).toBe(200);
    expect(ZHealthResponse.parse(health.body)).toMatchObject({ status: 'ok', version: expect.any(String) });
    const ready = await request(t.app).get('/api/ready');
    expect(ready.status).toBe(200);
    expect(ZReadyResponse.parse(ready.body)).toMatchObject({
      status: 'ready',
      database: { provider, schema: expect.any(String) },
    });
  });

  it('is not ready while the schema is behind, and says what to run', async () => {
    t = await openTestApp(provider, { migrate: false });
    expect((await request(t.app).get('/api/health')).status).toBe(200);
    const ready = await request(t.app).get('/api/ready');
    expect(ready.status).toBe(503);
    expect(ready.headers['content-type']).toMatch(PROBLEM_TYPE);
    expect(ready.headers['retry-after']).toBe('30');
    expect(ready.body).toMatchObject({ code: 'DB_SCHEMA', checks: { database: 'ok', schema: 'behind' } });
    expect(ready.body.detail).toMatch(/pending migrations: .*jobsearch-migrate init/);
    await t.store.migrate();
    expect((await request(t.app).get('/api/ready')).status).toBe(200);
  });

  it('is not ready when the database is gone; other endpoints fail with a problem that leaks nothing', async () => {
    t = await openTestApp(provider);
    await t.store.close();
    const ready = await request(t.app).get('/api/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ code: 'DB_UNAVAILABLE', checks: { database: 'unreachable' } });
    const matches = await request(t.app).get('/api/matches');
    expect(matches.status).toBeGreaterThanOrEqual(500);
    expect(matches.headers['content-type']).toMatch(PROBLEM_TYPE);
    expect(matches.body.requestId).toBe(matches.headers['x-request-id']);
    expect(JSON.stringify(matches.body)).not.toMatch(/SELECT|job_matches|\.ts:\d+|\.js:\d+|node_modules/);
  });
});
