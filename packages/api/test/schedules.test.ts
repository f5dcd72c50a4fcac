import { silentLogger } from '@jobsearchai/core';
import { testProviders } from '@jobsearchai/core/testing';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { Scheduler } from '../src/schedules/scheduler.js';
import { ZSchedule, ZScheduleList } from '../src/schemas/schedules.js';
import { GatedSource } from './helpers/gated-source.js';
import { CV_A, openTestApp, PROBLEM_TYPE, type TestApp } from './helpers/test-app.js';

const TOKEN = 'test-token-0123456789abcdef0123';
const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

describe.each(testProviders())('schedules (%s)', (provider) => {
  let t: TestApp | undefined;
  let gate: GatedSource | undefined;
  afterEach(async () => {
    gate?.open();
    await t?.cleanup();
    t = undefined;
    gate = undefined;
  });

  async function open(): Promise<TestApp> {
    gate = new GatedSource();
    t = await openTestApp(provider, { config: { apiToken: TOKEN }, sources: gate });
    await t.store.upsertCvVersion({
      cvKey: CV_A,
      fileName: 'cv.md',
      filePath: '/cvs/cv.md',
      fileHash: 'a'.repeat(64),
      summary: 'Data engineer',
      extractedText: 'Data engineer, SQL, Python',
    });
    return t;
  }

  const send = (app: TestApp, method: 'post' | 'patch' | 'delete', path: string, body?: unknown) => {
    const req = request(app.app)[method](path).set(auth);
    return body === undefined ? req : req.send(JSON.stringify(body));
  };

  it('creates, lists, shows, changes, disables and deletes a schedule', async () => {
    const app = await open();
    const before = Date.now();
    const created = await send(app, 'post', '/api/schedules', {
      search_term: 'IT',
      cv_key: CV_A,
      cron: '0 7 * * 1-5',
      time_zone: 'Europe/Zurich',
    });
    expect(created.status).toBe(201);
    const schedule = ZSchedule.parse(created.body);
    expect(created.headers.location).toBe(`/api/schedules/${schedule.id}`);
    expect(schedule).toMatchObject({
      maxPages: 10,
      enabled: true,
      alertThreshold: 8,
      alertDelivery: 'run',
      timeZone: 'Europe/Zurich',
    });
    // 07:00 in Zurich is 06:00 UTC in winter, 05:00 in summer; always a weekday and in the future.
    const next = new Date(schedule.nextRunAt!);
    expect(next.getTime()).toBeGreaterThan(before);
    expect([5, 6]).toContain(next.getUTCHours());
    expect([1, 2, 3, 4, 5]).toContain(next.getUTCDay());

    expect(ZScheduleList.parse((await request(app.app).get('/api/schedules')).body).items).toEqual([schedule]);
    expect((await request(app.app).get(`/api/schedules/${schedule.id}`)).body).toEqual(schedule);

    const disabled = await send(app, 'patch', `/api/schedules/${schedule.id}`, { enabled: false, max_pages: 3 });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ enabled: false, nextRunAt: null, maxPages: 3, cron: '0 7 * * 1-5' });
    const enabled = await send(app, 'patch', `/api/schedules/${schedule.id}`, { enabled: true, cron: '30 18 * * *' });
    expect(enabled.body).toMatchObject({ enabled: true, cron: '30 18 * * *' });
    expect(new Date(enabled.body.nextRunAt as string).getUTCMinutes()).toBe(30);
    const digest = await send(app, 'patch', `/api/schedules/${schedule.id}`, {
      alert_delivery: 'digest',
      alert_threshold: 9,
    });
    expect(digest.body).toMatchObject({ alertDelivery: 'digest', alertThreshold: 9, cron: '30 18 * * *' });
    expect(await app.store.getSchedule(schedule.id)).toMatchObject({ alertDelivery: 'digest', alertThreshold: 9 });

    expect((await send(app, 'delete', `/api/schedules/${schedule.id}`)).status).toBe(204);
    expect((await send(app, 'delete', `/api/schedules/${schedule.id}`)).status).toBe(404);
    const gone = await request(app.app).get(`/api/schedules/${schedule.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.detail).toBe(`Schedule ${schedule.id} does not exist.`);
  });

  it('refuses a bad cron expression, time zone, CV or body with 400 naming the field', async () => {
    const app = await open();
    const base = { search_term: 'IT', cv_key: CV_A, cron: '0 7 * * *' };
    const cases: [unknown, RegExp][] = [
      [{ ...base, cron: '61 7 * * *' }, /"cron".*is not a cron expression \(Invalid value for minute: 61\)/],
      [{ ...base, cron: 'every morning' }, /"cron".*is not a cron expression/],
      [{ ...base, time_zone: 'Europe/Atlantis' }, /"time_zone".*"Europe\/Atlantis" is not an IANA time zone/],
      [{ ...base, cv_key: 'fedcba9876543210' }, /"cv_key": fedcba9876543210 is not a CV registered with its text/],
      [{ ...base, max_pages: 0 }, /"max_pages".*from 1 to 50/],
      [{ ...base, alert_threshold: 11 }, /"alert_threshold".*from 0 to 10/],
      [{ ...base, enabled: 'yes' }, /"enabled".*true or false/],
      [{ ...base, alert_delivery: 'weekly' }, /"alert_delivery".*run, digest or off/],
      [{ ...base, every: 'day' }, /Unknown body field "every"/],
    ];
    for (const [body, detail] of cases) {
      const res = await send(app, 'post', '/api/schedules', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_TYPE);
      expect(res.body.detail, JSON.stringify(body)).toMatch(detail);
    }
    const id = (await send(app, 'post', '/api/schedules', base)).body.id as number;
    expect((await send(app, 'patch', `/api/schedules/${id}`, {})).body.detail).toMatch(/at least one field/);
    expect((await send(app, 'patch', `/api/schedules/${id}`, { time_zone: 'Nowhere' })).status).toBe(400);
    expect((await send(app, 'patch', '/api/schedules/424242', { max_pages: 2 })).status).toBe(404);
    expect(await app.store.getSchedule(id)).toMatchObject({ timeZone: 'UTC', maxPages: 10 });
  });

  it('writes need the token; reads do not', async () => {
    const app = await open();
    const body = JSON.stringify({ search_term: 'IT', cv_key: CV_A, cron: '0 7 * * *' });
    const post = await request(app.app).post('/api/schedules').set('content-type', 'application/json').send(body);
    expect(post.status).toBe(401);
    const id = (await send(app, 'post', '/api/schedules', JSON.parse(body))).body.id as number;
    expect(
      (await request(app.app).patch(`/api/schedules/${id}`).set('authorization', 'Bearer wrong-token')).status,
    ).toBe(403);
    expect((await request(app.app).delete(`/api/schedules/${id}`)).status).toBe(401);
    expect((await request(app.app).get('/api/schedules')).status).toBe(200);
  });

  it('the scheduler starts a due schedule once through the run launcher, even with two schedulers ticking', async () => {
    const app = await open();
    const id = (await send(app, 'post', '/api/schedules', { search_term: 'IT', cv_key: CV_A, cron: '0 7 * * *' })).body
      .id as number;
    await app.store.updateSchedule(id, { nextRunAt: new Date(Date.now() - 1_000).toISOString() });
    const options = {
      store: app.store,
      searches: app.app.context.searches,
      logger: silentLogger(),
      tickMs: 60_000,
      source: 'demo' as const,
    };
    const a = new Scheduler({ ...options, instanceId: 'a' });
    const b = new Scheduler({ ...options, instanceId: 'b' });
    const now = new Date();
    const started = await Promise.all([a.tick(now), b.tick(now)]);
    expect(started[0] + started[1]).toBe(1);
    const runs = await app.store.listRuns({ searchTerm: 'IT' });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ cvKey: CV_A, status: 'running', maxPages: 10 });
    const after = await app.store.getSchedule(id);
    expect(after).toMatchObject({ lastRunId: runs[0]!.id, lastError: null, claimedBy: null });
    expect(Date.parse(after!.nextRunAt!)).toBeGreaterThan(now.getTime());
    expect(await a.tick(now)).toBe(0);

    // Due again while its run still goes: the launcher's "already running" answer is recorded.
    await app.store.updateSchedule(id, { nextRunAt: new Date(Date.now() - 1_000).toISOString() });
    expect(await b.tick()).toBe(0);
    expect(await app.store.getSchedule(id)).toMatchObject({ lastRunId: runs[0]!.id, claimedBy: null });
    expect((await app.store.getSchedule(id))!.lastError).toMatch(/already running/);
    expect(await app.store.listRuns({ searchTerm: 'IT' })).toHaveLength(1);
  });
});
