import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testProviders } from '@jobsearchai/core/testing';
import { openTestApp, PROBLEM_TYPE, sampleMatch, type TestApp } from './helpers/test-app.js';

const PARAMETERS = [
  'search_term',
  'cv_key',
  'min_score',
  'max_score',
  'q',
  'location',
  'date_from',
  'date_to',
  'status',
  'sort',
  'cursor',
  'limit',
  'url',
  'from',
  'to',
  'id',
  'x',
];
const PATHS = [
  '/api/matches',
  '/api/jobs',
  '/api/stats',
  '/api/runs',
  '/api/search-terms',
  '/api/cv-versions',
  '/api/health',
  '/api/matches/1',
  '/api/runs/1',
];

/** Values near the rules (numbers, dates, keys, cursors) and anything at all. */
const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '10',
    '11',
    '-1',
    '1e3',
    'NaN',
    'Infinity',
    '2026-02-29',
    '2026-13-01',
    '0123456789abcdef',
    'score_desc',
    'all',
    'null',
    '[]',
    '%',
    '_',
    'a\u0000b',
    '\u0000',
    '2147483648',
    "'; DROP TABLE job_matches; --",
  ),
  fc.base64String(),
  // Cursors: well-formed base64url JSON holding values of every type and size.
  fc
    .array(
      fc.oneof(
        fc.constant(null),
        fc.string({ unit: 'binary' }),
        fc.integer(),
        fc.maxSafeInteger(),
        fc.double(),
        fc.constant('a\u0000'),
      ),
      { maxLength: 3 },
    )
    .map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
  fc.webUrl(),
);

describe.each(testProviders())('fuzzing query strings (%s)', (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(provider);
    await t.store.insertMatches(
      Array.from({ length: 25 }, (_, i) => sampleMatch(i, { companyName: i % 4 === 0 ? null : `Firma ${i}` })),
    );
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('never answers 5xx, and answers every error as a problem', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PATHS),
        fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PARAMETERS), fc.string()), value), { maxLength: 6 }),
        async (path, pairs) => {
          const query = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
          const res = await request(t.app).get(query ? `${path}?${query}` : path);
          expect(res.status, `${path}?${query} → ${JSON.stringify(res.body)}`).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.headers['content-type']).toMatch(PROBLEM_TYPE);
            expect(res.body).toMatchObject({
              status: res.status,
              code: expect.any(String),
              detail: expect.any(String),
              requestId: expect.any(String),
            });
          }
        },
      ),
      { numRuns: provider === 'sqlite' ? 400 : 200 },
    );
  });

  it('never answers 5xx to any JSON body of POST /api/runs', async () => {
    const field = fc.oneof(value, fc.integer(), fc.boolean(), fc.constant(null), fc.anything());
    const body = fc.oneof(
      fc.anything(),
      fc.record(
        { search_term: field, cv_path: field, cv_key: field, max_pages: field, source: field },
        { requiredKeys: [] },
      ),
      fc.dictionary(fc.string(), field),
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const text = JSON.stringify(payload) ?? 'null';
        const res = await request(t.app).post('/api/runs').set('content-type', 'application/json').send(text);
        expect(res.status, `${text} → ${JSON.stringify(res.body)}`).toBeLessThan(500);
        expect(res.status).not.toBe(202);
      }),
      { numRuns: 200 },
    );
  });

  it('never answers 5xx to raw, possibly malformed query strings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PATHS),
        fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
        async (path, raw) => {
          const res = await request(t.app).get(`${path}?${raw.replace(/[#\s]/g, '')}`);
          expect(res.status, `${path}?${raw}`).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });
});
