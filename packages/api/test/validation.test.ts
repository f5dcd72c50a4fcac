import { testProviders } from '@jobsearchai/core/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZProblem } from '../src/schemas/common.js';
import { openTestApp, PROBLEM_TYPE, type TestApp } from './helpers/test-app.js';

/** [path with query, fragment the detail must contain] — one row per parameter and rule. */
const BAD_QUERIES: [string, RegExp][] = [
  ['/api/matches?search_term=%20%20', /query parameter "search_term" must not be blank/i],
  [`/api/matches?search_term=${'x'.repeat(201)}`, /"search_term" must be at most 200 characters/],
  ['/api/matches?cv_key=123', /"cv_key" must be 16 hexadecimal characters/],
  ['/api/matches?cv_key=zzzzzzzzzzzzzzzz', /"cv_key" must be 16 hexadecimal characters/],
  ['/api/matches?min_score=abc', /"min_score" must be a whole number from 0 to 10 \(got "abc"\)/],
  ['/api/matches?min_score=11', /"min_score" must be a whole number from 0 to 10/],
  ['/api/matches?min_score=2.5', /"min_score" must be a whole number from 0 to 10/],
  ['/api/matches?max_score=-1', /"max_score" must be a whole number from 0 to 10/],
  ['/api/matches?min_score=8&max_score=3', /"min_score" must not be above max_score \(3\)/],
  [`/api/matches?q=${'q'.repeat(201)}`, /"q" must be at most 200 characters/],
  ['/api/matches?location=%20', /"location" must not be blank/],
  ['/api/matches?date_from=2026-13-01', /"date_from" must be a calendar date written YYYY-MM-DD/],
  ['/api/matches?date_to=yesterday', /"date_to" must be a calendar date written YYYY-MM-DD/],
  ['/api/matches?date_from=2026-02-30', /"date_from" must be a calendar date/],
  ['/api/matches?date_from=2026-03-10&date_to=2026-03-01', /"date_from" must not be after date_to \(2026-03-01\)/],
  ['/api/matches?status=done', /"status" must be one of evaluated, failed, all/],
  [
    '/api/matches?application_status=APPLIED,SENT',
    /"application_status" must be one or more of MATCHED, INTERESTED, PREPARING, APPLIED, INTERVIEW, OFFER, REJECTED, ARCHIVED, separated by commas; unknown: "SENT"/,
  ],
  [
    '/api/matches?application_status=APPLIED&application_status=OFFER',
    /query parameter "application_status" is given 2 times; give it once/,
  ],
  ['/api/matches?hide_closed=yes', /"hide_closed" must be true or false/],
  [
    '/api/matches?sort=random',
    /"sort" must be one of score_desc, score_asc, date_desc, date_asc, company_asc, title_asc/,
  ],
  ['/api/matches?cursor=%7B%7D', /"cursor" is not a cursor for sort=score_desc/],
  [`/api/matches?cursor=${'a'.repeat(1001)}`, /"cursor" is not a cursor this server issued/],
  ['/api/matches?limit=0', /"limit" must be a whole number from 1 to 200 \(got "0"\)/],
  ['/api/matches?limit=201', /"limit" must be a whole number from 1 to 200/],
  ['/api/matches?limit=ten', /"limit" must be a whole number from 1 to 200/],
  ['/api/matches?limit=5&limit=6', /query parameter "limit" is given 2 times; give it once/],
  ['/api/matches?page=2', /unknown query parameter "page" \(allowed: search_term, cv_key, min_score/],
  ['/api/matches?sort%5Bby%5D=x', /unknown query parameter "sort\[by\]"/],
  ['/api/jobs', /query parameter "url" is required/],
  ['/api/jobs?url=N%2FA', /"url" must be an http\(s\) URL of a posting/],
  ['/api/jobs?url=javascript%3Aalert(1)', /"url" must be an http\(s\) URL of a posting/],
  [`/api/jobs?url=https://www.ostjob.ch/job/x/${'1'.repeat(2000)}`, /"url" must be at most 2000 characters/],
  [
    '/api/jobs?url=https%3A%2F%2Fwww.ostjob.ch%2Fjob%2Fx%2F1&fields=all',
    /unknown query parameter "fields" \(allowed: url\)/,
  ],
  ['/api/stats?from=2026-1-1', /"from" must be a calendar date written YYYY-MM-DD/],
  ['/api/stats?to=31.12.2026', /"to" must be a calendar date written YYYY-MM-DD/],
  ['/api/stats?from=2026-05-02&to=2026-05-01', /"from" must not be after to \(2026-05-01\)/],
  ['/api/stats?days=7', /unknown query parameter "days" \(allowed: from, to\)/],
  ['/api/runs?status=paused', /"status" must be one of running, completed, failed, interrupted, cancelled/],
  ['/api/runs?cv_key=xyz', /"cv_key" must be 16 hexadecimal characters/],
  ['/api/runs?search_term=%20', /"search_term" must not be blank/],
  ['/api/runs?cursor=abc', /"cursor" is not a cursor this server issued/],
  ['/api/runs?cursor=0', /"cursor" is not a cursor this server issued/],
  ['/api/runs?limit=500', /"limit" must be a whole number from 1 to 200/],
  ['/api/runs?offset=10', /unknown query parameter "offset"/],
  ['/api/runs/abc', /path parameter "id" must be a positive whole number/i],
  ['/api/health?verbose=1', /unknown query parameter "verbose" \(this endpoint takes no query parameters\)/],
  ['/api/ready?x=1', /unknown query parameter "x"/],
  ['/api/search-terms?limit=5', /unknown query parameter "limit"/],
  ['/api/cv-versions?q=a', /unknown query parameter "q"/],
  ['/metrics?format=json', /unknown query parameter "format"/],
  ['/api/openapi.json?v=2', /unknown query parameter "v"/],
  ['/api/matches/1?full=1', /unknown query parameter "full"/],
];

describe.each(testProviders())('request validation (%s)', (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(provider);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it.each(BAD_QUERIES)('GET %s → 400 naming the parameter and the rule', async (path, detail) => {
    const res = await request(t.app).get(path);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM_TYPE);
    const problem = ZProblem.parse(res.body);
    expect(problem).toMatchObject({
      status: 400,
      code: 'INVALID_INPUT',
      title: 'Bad Request',
      type: expect.stringMatching(/^https:\/\//),
    });
    expect(problem.detail).toMatch(new RegExp(detail.source, 'i'));
    expect(problem.requestId).toBe(res.headers['x-request-id']);
    expect(problem.errors?.length).toBeGreaterThan(0);
  });

  it('reports every problem of a request at once', async () => {
    const res = await request(t.app).get('/api/matches?min_score=x&sort=y&foo=1');
    expect(res.body.errors.map((e: { name: string }) => e.name).sort()).toEqual(['foo', 'min_score', 'sort']);
  });

  it('treats empty query values as not given (forms submit empty fields)', async () => {
    const res = await request(t.app).get('/api/matches?search_term=&cv_key=&min_score=&q=&limit=');
    expect(res.status).toBe(200);
  });

  it('never leaks stack traces or SQL into problems', async () => {
    const res = await request(t.app).get('/api/matches?min_score=%27%20OR%201%3D1');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+|SELECT|job_matches/);
  });
});
