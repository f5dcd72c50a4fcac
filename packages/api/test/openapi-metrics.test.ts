import { testProviders } from '@jobsearchai/core/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from './helpers/test-app.js';

type Operation = {
  operationId: string;
  parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security: unknown[];
};

describe.each(testProviders())('OpenAPI document and metrics (%s)', (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(provider);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('describes every route with the parameters its schemas validate', async () => {
    const res = await request(t.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body as {
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'GET /api/health',
        'GET /api/ready',
        'GET /api/matches',
        'GET /api/matches/{id}',
        'GET /api/matches/{id}/application',
        'PUT /api/matches/{id}/application',
        'GET /api/applications',
        'GET /api/jobs',
        'GET /api/search-terms',
        'GET /api/cv-versions',
        'GET /api/stats',
        'GET /api/runs',
        'GET /api/runs/{id}',
        'POST /api/runs',
        'GET /api/schedules',
        'POST /api/schedules',
        'GET /api/schedules/{id}',
        'PATCH /api/schedules/{id}',
        'DELETE /api/schedules/{id}',
        'GET /api/alerts',
        'GET /metrics',
        'GET /api/openapi.json',
      ].sort(),
    );
    // One entry per registered route, so nothing the app serves is undocumented.
    expect(operations).toHaveLength(t.app.routes.length);
    const list = doc.paths['/api/matches']!.get!;
    expect(list.parameters!.map((p) => p.name)).toEqual([
      'search_term',
      'cv_key',
      'min_score',
      'max_score',
      'q',
      'location',
      'date_from',
      'date_to',
      'status',
      'application_status',
      'hide_closed',
      'sort',
      'cursor',
      'limit',
    ]);
    expect(list.parameters!.find((p) => p.name === 'limit')!.schema).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 200,
      default: 50,
    });
    expect(list.parameters!.find((p) => p.name === 'sort')!.schema).toMatchObject({
      enum: expect.arrayContaining(['score_desc', 'title_asc']),
    });
    expect(list.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array' } } } } },
    });
    expect(list.responses['400']).toMatchObject({
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    expect(doc.paths['/api/jobs']!.get!.parameters).toEqual([
      expect.objectContaining({ name: 'url', in: 'query', required: true }),
    ]);
    expect(doc.paths['/api/matches/{id}']!.get!.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ]);
    const start = doc.paths['/api/runs']!.post!;
    expect(start.security).toEqual([{ bearerAuth: [] }]);
    expect(start.requestBody).toMatchObject({
      content: {
        'application/json': { schema: { properties: { search_term: { type: 'string' }, max_pages: { maximum: 50 } } } },
      },
    });
    expect(Object.keys(start.responses)).toEqual(expect.arrayContaining(['202', '400', '401', '403', '409', '415']));
    expect(doc.components.schemas.Problem).toMatchObject({
      properties: { type: {}, title: {}, status: {}, detail: {}, code: {}, requestId: {} },
    });
  });

  it('exposes Prometheus metrics: requests by route pattern, database errors, and what searches did', async () => {
    await request(t.app).get('/api/matches');
    await request(t.app).get('/api/matches?limit=x');
    await request(t.app).get('/api/matches/424242');
    await request(t.app).get('/no/such/page');
    const res = await request(t.app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = res.text;
    expect(text).toMatch(/^# TYPE jobsearch_http_requests_total counter$/m);
    expect(text).toMatch(
      /^jobsearch_http_requests_total\{method="GET",route="\/api\/matches",status="200"\} [1-9]\d*$/m,
    );
    expect(text).toMatch(
      /^jobsearch_http_requests_total\{method="GET",route="\/api\/matches",status="400"\} [1-9]\d*$/m,
    );
    // The pattern, never the path with its id; unmatched paths share one label.
    expect(text).toMatch(/^jobsearch_http_requests_total\{method="GET",route="\/api\/matches\/:id",status="404"\} 1$/m);
    expect(text).toMatch(/route="unmatched",status="404"/);
    expect(text).not.toContain('424242');
    expect(text).toMatch(
      /^jobsearch_http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/api\/matches"\} \d+$/m,
    );
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });
});
