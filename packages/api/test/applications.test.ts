import { testProviders } from '@jobsearchai/core/testing';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { ZApplication, ZApplicationBoard } from '../src/schemas/applications.js';
import { CV_A, CV_B, openTestApp, PROBLEM_TYPE, sampleMatch, type TestApp } from './helpers/test-app.js';

const TOKEN = 'test-token-0123456789abcdef0123';
const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

describe.each(testProviders())('application tracker API (%s)', (provider) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  /** Posting 1 under two search terms (ids a, b), posting 2 and posting 3 for CV A, posting 4 for CV B. */
  async function open() {
    t = await openTestApp(provider, { config: { apiToken: TOKEN } });
    const a = (await t.store.insertMatch(sampleMatch(1, { overallMatch: 9 }))).id;
    const b = (await t.store.insertMatch(sampleMatch(1, { overallMatch: 8, searchTerm: 'Informatik' }))).id;
    const c = (await t.store.insertMatch(sampleMatch(2, { overallMatch: 6 }))).id;
    const d = (await t.store.insertMatch(sampleMatch(3, { overallMatch: 7 }))).id;
    const e = (await t.store.insertMatch(sampleMatch(4, { overallMatch: 5, cvKey: CV_B }))).id;
    return { app: t, a, b, c, d, e };
  }

  const put = (app: TestApp, id: number, body: unknown, headers: Record<string, string> = auth) =>
    request(app.app).put(`/api/matches/${id}/application`).set(headers).send(JSON.stringify(body));

  it('reads an untracked posting as MATCHED, then sets the status for every search term of the posting', async () => {
    const { app, a, b } = await open();
    const untracked = await request(app.app).get(`/api/matches/${a}/application`);
    expect(untracked.status).toBe(200);
    expect(ZApplication.parse(untracked.body)).toEqual({
      jobUrl: sampleMatch(1).jobUrl,
      cvKey: CV_A,
      status: 'MATCHED',
      notes: null,
      createdAt: null,
      updatedAt: null,
      history: [],
    });

    const set = await put(app, a, { status: 'APPLIED', notes: 'Sent the letter', expectedUpdatedAt: null });
    expect(set.status).toBe(200);
    const applied = ZApplication.parse(set.body);
    expect(applied).toMatchObject({ status: 'APPLIED', notes: 'Sent the letter' });
    expect(applied.history).toEqual([
      expect.objectContaining({ fromStatus: 'MATCHED', toStatus: 'APPLIED', notesChanged: true }),
    ]);
    // The other search term's evaluation of the same posting shows it too.
    const other = await request(app.app).get(`/api/matches/${b}/application`);
    expect(other.body).toEqual(set.body);

    // Notes alone (the status sent as it is): one more history entry.
    const noted = await put(app, b, { status: 'APPLIED', notes: 'Interview invite expected' });
    expect(noted.body.history.map((h: { notesChanged: boolean }) => h.notesChanged)).toEqual([true, true]);
  });

  it('needs the token to write', async () => {
    const { app, a } = await open();
    const none = await put(app, a, { status: 'APPLIED' }, { 'content-type': 'application/json' });
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toMatch(PROBLEM_TYPE);
    const wrong = await put(
      app,
      a,
      { status: 'APPLIED' },
      { authorization: 'Bearer not-the-token-0000000000', 'content-type': 'application/json' },
    );
    expect(wrong.status).toBe(403);
    expect((await request(app.app).get(`/api/matches/${a}/application`)).body.status).toBe('MATCHED');
  });

  it('answers 400 for an unknown status or bad notes, 404 for an unknown match, 409 for a stale write', async () => {
    const { app, a } = await open();
    const unknown = await put(app, a, { status: 'HIRED' });
    expect(unknown.status).toBe(400);
    expect(unknown.headers['content-type']).toMatch(PROBLEM_TYPE);
    expect(unknown.body.errors).toEqual([
      {
        in: 'body',
        name: 'status',
        message: expect.stringContaining(
          'MATCHED, INTERESTED, PREPARING, APPLIED, INTERVIEW, OFFER, REJECTED, ARCHIVED',
        ),
      },
    ]);
    expect((await put(app, a, {})).status).toBe(400);
    expect((await put(app, a, { status: 'APPLIED', notes: 'x'.repeat(10_001) })).status).toBe(400);
    expect((await put(app, a, { status: 'APPLIED', extra: 1 })).status).toBe(400);
    expect((await put(app, 999_999, { status: 'APPLIED' })).status).toBe(404);
    expect((await request(app.app).get('/api/matches/999999/application')).status).toBe(404);

    const first = await put(app, a, { status: 'INTERESTED', expectedUpdatedAt: null });
    expect(first.status).toBe(200);
    // A second tab that also saw the posting untracked.
    const stale = await put(app, a, { status: 'REJECTED', expectedUpdatedAt: null });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'CONFLICT',
      detail: expect.stringContaining('changed since you loaded it'),
      details: { reason: 'stale', status: 'INTERESTED', updatedAt: first.body.updatedAt },
    });
    const fresh = await put(app, a, { status: 'REJECTED', expectedUpdatedAt: first.body.updatedAt });
    expect(fresh.status).toBe(200);
    expect(fresh.body.status).toBe('REJECTED');
  });

  it('lists the board per CV, with MATCHED limited and counted', async () => {
    const { app, a, c } = await open();
    await put(app, c, { status: 'INTERVIEW', notes: 'Tuesday 10:00' });
    const res = await request(app.app).get(`/api/applications?cv_key=${CV_A}&matched_limit=1`);
    expect(res.status).toBe(200);
    const board = ZApplicationBoard.parse(res.body);
    expect(board.cvKey).toBe(CV_A);
    expect(board.columns.map((column) => column.status)).toEqual([
      'MATCHED',
      'INTERESTED',
      'PREPARING',
      'APPLIED',
      'INTERVIEW',
      'OFFER',
      'REJECTED',
      'ARCHIVED',
    ]);
    const matched = board.columns[0]!;
    expect(matched.total).toBe(2);
    expect(matched.cards).toEqual([
      expect.objectContaining({ matchId: a, bestScore: 9, searchTerms: ['IT', 'Informatik'], status: 'MATCHED' }),
    ]);
    expect(board.columns[4]!.cards).toEqual([
      expect.objectContaining({
        matchId: c,
        status: 'INTERVIEW',
        notes: 'Tuesday 10:00',
        title: 'Software Engineer 2',
      }),
    ]);
    const everyCv = await request(app.app).get('/api/applications');
    expect(everyCv.body.columns[0].total).toBe(3);
    expect(everyCv.body.matchedLimit).toBe(50);

    for (const query of ['matched_limit=-1', 'matched_limit=501', 'matched_limit=abc', 'cv_key=nothex', 'limit=5']) {
      const bad = await request(app.app).get(`/api/applications?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.headers['content-type']).toMatch(PROBLEM_TYPE);
      expect(bad.body.errors[0].name, query).toBe(query.split('=')[0]);
    }
  });
});
