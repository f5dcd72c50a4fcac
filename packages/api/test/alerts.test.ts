// Alerts from real runs on the demo board: queued by the launcher right after each run (manual
// or scheduled), sent by the API's dispatcher to a webhook receiver on loopback.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { silentLogger } from '@jobsearchai/core';
import { startWebhookReceiver, testProviders, type WebhookReceiver } from '@jobsearchai/core/testing';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertDispatcher } from '../src/alerts/alert-dispatcher.js';
import { SAMPLE_CV_PATH } from '../src/commands/demo-data.js';
import { searchCommand } from '../src/commands/search.js';
import { serveCommand } from '../src/commands/serve.js';
import type { AlertConfig } from '../src/config.js';
import { ZAlertList } from '../src/schemas/alerts.js';
import { Scheduler } from '../src/schedules/scheduler.js';
import type { SearchManager } from '../src/searches/search-manager.js';
import { openTestApp, type TestApp } from './helpers/test-app.js';

const TOKEN = 'test-token-0123456789abcdef0123';

describe.each(testProviders())('match alerts from runs (%s)', (provider) => {
  let t: TestApp | undefined;
  let hook: WebhookReceiver | undefined;
  afterEach(async () => {
    await t?.cleanup();
    await hook?.close();
    t = undefined;
    hook = undefined;
  });

  async function open(alerts: Partial<AlertConfig>): Promise<TestApp> {
    hook = await startWebhookReceiver();
    const config: AlertConfig = {
      webhookUrl: hook.url,
      email: undefined,
      minScore: 6,
      delivery: 'run',
      digestTime: '08:00',
      timeZone: 'UTC',
      dispatchMs: 0,
      maxAttempts: 3,
      ...alerts,
    };
    t = await openTestApp(provider, { config: { alerts: config, apiToken: TOKEN } });
    mkdirSync(t.config.cvDir, { recursive: true });
    copyFileSync(SAMPLE_CV_PATH, join(t.config.cvDir, 'cv.md'));
    return t;
  }

  async function run(app: TestApp, body: Record<string, unknown>) {
    const res = await request(app.app)
      .post('/api/runs')
      .set('authorization', `Bearer ${TOKEN}`)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ max_pages: 2, source: 'demo', ...body }));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    return (await (app.app.context.searches as SearchManager).wait(res.body.id as number))!;
  }

  it('alerts the strong matches new to the CV once; a later term reusing them alerts them not again', async () => {
    const app = await open({ minScore: 6 });
    const first = await run(app, { search_term: 'IT', cv_path: 'cv.md' });
    expect(first.status).toBe('completed');
    const stored = (await app.store.listMatches({ searchTerm: 'IT', cvKey: first.cvKey, limit: 200 })).items;
    const strong = stored.filter((m) => (m.overallMatch ?? 0) >= 6).map((m) => m.jobUrl);
    expect(strong.length).toBeGreaterThan(0);
    expect(strong.length).toBeLessThan(stored.length);
    const queued = await app.store.listAlertDeliveries({ limit: 500 });
    expect(queued.map((d) => d.jobUrl).sort()).toEqual([...strong].sort());
    expect(queued.every((d) => d.mode === 'run' && d.channel === 'webhook' && d.scheduleId === null)).toBe(true);

    // Another term of the same CV: the postings "IT" already evaluated are reused, so not new to
    // the CV and not alerted again; only the postings this run was first to evaluate are.
    const second = await run(app, { search_term: 'Informatik', cv_key: first.cvKey });
    expect(second.postingsReused).toBeGreaterThan(0);
    const seenByFirst = new Set(stored.map((m) => m.jobUrl));
    const secondStrong = (
      await app.store.listMatches({ searchTerm: 'Informatik', cvKey: first.cvKey, limit: 200 })
    ).items
      .filter((m) => (m.overallMatch ?? 0) >= 6)
      .map((m) => m.jobUrl);
    expect(secondStrong.some((url) => seenByFirst.has(url))).toBe(true);
    const fromSecond = (await app.store.listAlertDeliveries({ limit: 500 })).filter((d) => d.runId === second.id);
    expect(fromSecond.map((d) => d.jobUrl).sort()).toEqual(secondStrong.filter((url) => !seenByFirst.has(url)).sort());

    const dispatcher = new AlertDispatcher({ store: app.store, config: app.config.alerts, logger: silentLogger() });
    const messages = fromSecond.length > 0 ? 2 : 1;
    expect(await dispatcher.tick()).toMatchObject({ messages, sent: strong.length + fromSecond.length });
    expect(await dispatcher.tick()).toMatchObject({ messages: 0 });
    await dispatcher.stop();
    expect(hook!.bodies).toHaveLength(messages);
    const sent = hook!.bodies.find((b) => (b.matches as { searchTerm: string }[])[0]!.searchTerm === 'IT')!;
    expect(String(sent.text)).toMatch(/new strong match(es)? for "IT"/);
    expect((sent.matches as { url: string }[]).map((m) => m.url).sort()).toEqual([...strong].sort());

    const listed = await request(app.app).get(`/api/alerts?status=sent&cv_key=${first.cvKey}&limit=200`);
    expect(listed.status).toBe(200);
    const items = ZAlertList.parse(listed.body).items;
    expect(items).toHaveLength(strong.length + fromSecond.length);
    expect(items.every((a) => a.status === 'sent' && a.sentAt !== null && a.attempts === 1)).toBe(true);
    expect(items.map((a) => a.id)).toEqual([...items.map((a) => a.id)].sort((x, y) => y - x));
    expect((await request(app.app).get('/api/alerts?status=failed')).body.items).toEqual([]);
    const bad = await request(app.app).get('/api/alerts?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/"status".*pending, sending, retrying, sent, failed/);
  });

  it("a schedule's digest is due at the digest time in its zone and goes out as one message then", async () => {
    const app = await open({ minScore: 0, digestTime: '08:00' });
    const cvKey = (await run(app, { search_term: 'warm-up', cv_path: 'cv.md', max_pages: 1 })).cvKey;
    const queuedBefore = (await app.store.listAlertDeliveries({ limit: 500 })).length;
    const created = await request(app.app).post('/api/schedules').set('authorization', `Bearer ${TOKEN}`).send({
      search_term: 'IT',
      cv_key: cvKey,
      cron: '0 7 * * *',
      time_zone: 'Asia/Tokyo',
      max_pages: 2,
      alert_threshold: 7,
      alert_delivery: 'digest',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ alertThreshold: 7, alertDelivery: 'digest' });
    await app.store.updateSchedule(created.body.id, { nextRunAt: new Date(Date.now() - 1_000).toISOString() });
    const scheduler = new Scheduler({
      store: app.store,
      searches: app.app.context.searches,
      logger: silentLogger(),
      tickMs: 60_000,
      source: 'demo',
    });
    expect(await scheduler.tick()).toBe(1);
    const [scheduled] = await app.store.listRuns({ searchTerm: 'IT' });
    await (app.app.context.searches as SearchManager).wait(scheduled!.id);

    const digest = (await app.store.listAlertDeliveries({ limit: 500 })).filter((d) => d.runId === scheduled!.id);
    const strongNew = (await app.store.listMatches({ searchTerm: 'IT', cvKey, limit: 200 })).items.filter(
      (m) => (m.overallMatch ?? 0) >= 7 && m.runId === scheduled!.id,
    );
    expect(digest.length).toBeLessThanOrEqual(strongNew.length);
    expect(digest.length).toBeGreaterThan(0);
    expect(digest.every((d) => d.mode === 'digest' && d.scheduleId === created.body.id && d.score >= 7)).toBe(true);
    const dueAt = new Date(digest[0]!.dueAt);
    const tokyo = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });
    expect(tokyo.format(dueAt)).toBe('08:00');
    expect(dueAt.getTime() - Date.now()).toBeGreaterThan(0);
    expect(dueAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);

    let clock = new Date(dueAt.getTime() - 60_000);
    const dispatcher = new AlertDispatcher({
      store: app.store,
      config: app.config.alerts,
      logger: silentLogger(),
      now: () => clock,
    });
    // The warm-up run's own ('run') alerts go first; the digest waits for its time.
    expect(await dispatcher.tick()).toMatchObject({ sent: queuedBefore });
    const beforeDigest = hook!.bodies.length;
    clock = dueAt;
    expect(await dispatcher.tick()).toMatchObject({ messages: 1, sent: digest.length });
    await dispatcher.stop();
    expect(hook!.bodies).toHaveLength(beforeDigest + 1);
    expect(hook!.bodies.at(-1)).toMatchObject({ mode: 'digest', cvKey });
    const ofSchedule = await request(app.app).get(`/api/alerts?schedule_id=${created.body.id}&limit=200`);
    expect(
      ZAlertList.parse(ofSchedule.body)
        .items.map((a) => a.id)
        .sort(),
    ).toEqual(digest.map((d) => d.id).sort());
    expect(String(hook!.bodies.at(-1)!.text)).toMatch(/^Daily digest: /);
  });

  it('a `jobsearch-api search` process queues the alerts; a serving instance sends them', async () => {
    const app = await open({ minScore: 0 });
    const stdout = new PassThrough();
    const io = {
      env: { DATABASE_URL: app.databaseUrl, ALERT_WEBHOOK_URL: hook!.url, ALERT_MIN_SCORE: '7', DEMO_BOARD_PORT: '0' },
      cwd: app.dir,
      stdout,
      stderr: new PassThrough(),
    };
    stdout.resume();
    const { run: cliRun } = await searchCommand(
      { searchTerm: 'IT', cv: SAMPLE_CV_PATH, maxPages: 1, source: 'demo', json: true },
      io,
    );
    const strong = (await app.store.listMatches({ searchTerm: 'IT', cvKey: cliRun.cvKey, limit: 200 })).items.filter(
      (m) => (m.overallMatch ?? 0) >= 7,
    );
    const queued = await app.store.listAlertDeliveries({ limit: 200 });
    expect(queued.map((d) => d.jobUrl).sort()).toEqual(strong.map((m) => m.jobUrl).sort());
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.every((d) => d.runId === cliRun.id && d.status === 'pending')).toBe(true);
    const dispatcher = new AlertDispatcher({ store: app.store, config: app.config.alerts, logger: silentLogger() });
    expect(await dispatcher.tick()).toMatchObject({ sent: queued.length });
    await dispatcher.stop();
  });

  it('`jobsearch-api serve` sends due alerts on its own timer (ALERT_DISPATCH_MS)', async () => {
    const app = await open({ minScore: 0 });
    const run = await app.store.createRun({
      searchTerm: 'IT',
      cvKey: 'a'.repeat(16),
      source: 'demo',
      matcher: 'heuristic',
      model: null,
      maxPages: 1,
    });
    await app.store.insertMatch({
      jobUrl: 'https://www.ostjob.ch/job/served/1',
      searchTerm: 'IT',
      cvKey: 'a'.repeat(16),
      jobTitle: 'Served Engineer',
      overallMatch: 9,
      scrapedData: {},
      runId: run.id,
    });
    await app.store.queueRunAlerts({
      runId: run.id,
      minScore: 8,
      mode: 'run',
      channels: ['webhook'],
      dueAt: new Date().toISOString(),
      scheduleId: null,
    });
    const stdout = new PassThrough().resume();
    const served = await serveCommand(
      { port: 0, host: '127.0.0.1', init: false, demo: false },
      {
        env: {
          DATABASE_URL: app.databaseUrl,
          ALERT_WEBHOOK_URL: hook!.url,
          ALERT_DISPATCH_MS: '100',
          SCHEDULER_TICK_MS: '0',
          LOG_LEVEL: 'silent',
        },
        cwd: app.dir,
        stdout,
        stderr: new PassThrough().resume(),
      },
    );
    try {
      await expect.poll(() => hook!.bodies.length, { timeout: 10_000 }).toBe(1);
      expect(String(hook!.bodies[0]!.text)).toContain('Served Engineer');
      await expect.poll(async () => (await app.store.listAlertDeliveries())[0]?.status).toBe('sent');
    } finally {
      await served.close();
    }
  });

  it('queues nothing when the delivery is off', async () => {
    const app = await open({ delivery: 'off', minScore: 0 });
    await run(app, { search_term: 'IT', cv_path: 'cv.md', max_pages: 1 });
    expect(await app.store.listAlertDeliveries()).toEqual([]);
  });
});
