import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestStore, testProviders, type TestStore } from '@jobsearchai/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { MonitorAgent } from '../src/agent/monitor-agent.js';
import { ageDatabase, agentSettings, writeBackup } from './helpers/agent-setup.js';
import { memoryLogger } from './helpers/memory-logger.js';
import { tempDirs } from './helpers/temp-dir.js';
import { startWebhookReceiver } from './helpers/webhook-receiver.js';

const dirs = tempDirs();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  dirs.cleanup();
});

const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function setup(provider: 'sqlite' | 'postgresql', timeoutMs = 5000) {
  const t: TestStore = await openTestStore(provider);
  cleanups.push(() => t.cleanup());
  await ageDatabase(t.store, 48, T0);
  const receiver = await startWebhookReceiver({ status: 500 });
  cleanups.push(() => receiver.close());
  const dir = dirs.make();
  const settings = agentSettings(dir, t.database.url, { alerts: { webhook: { url: receiver.url, timeoutMs } } });
  const log = memoryLogger();
  let now = at(0);
  const agent = new MonitorAgent({ settings, logger: log.logger, now: () => now });
  cleanups.push(() => agent.close());
  return { t, dir, receiver, settings, log, agent, setNow: (date: Date) => (now = date) };
}

describe.each(testProviders())('agent alerts on %s', (provider) => {
  it('logs and posts a firing alert, retries a failed delivery on the next tick, then posts the resolve', async () => {
    const { dir, receiver, log, agent, setNow } = await setup(provider);

    const first = await agent.tick();
    expect(first.snapshot.status).toBe('alerting');
    expect(first.snapshot.database).toMatchObject({ provider, reachable: true, schemaCurrent: true });
    expect(first.notifications.map((n) => `${n.kind}:${n.key}`)).toEqual(['firing:backupAge']);
    // The webhook answered 500: nothing delivered, the message waits, the agent carries on.
    expect(first.delivered).toEqual([]);
    expect(first.pending).toMatchObject([{ kind: 'firing', key: 'backupAge', attempts: 1 }]);
    expect(receiver.received).toHaveLength(1);
    expect(log.records()).toContainEqual(
      expect.objectContaining({
        level: 40,
        alert: 'backupAge',
        kind: 'firing',
        msg: expect.stringMatching(/^\[FIRING\] warning backupAge on .+: No backup found in /),
      }),
    );
    expect(log.messages()).toContain('alert webhook delivery failed; retrying next tick');

    receiver.setMode({ status: 200 });
    setNow(at(5));
    const second = await agent.tick();
    expect(second.notifications).toEqual([]);
    expect(second.delivered).toMatchObject([{ kind: 'firing', key: 'backupAge', attempts: 2 }]);
    expect(second.pending).toEqual([]);
    expect(receiver.received).toHaveLength(2);
    const hook = receiver.received[1]!;
    expect(hook.contentType).toBe('application/json');
    expect(hook.body.text).toMatch(/^\[FIRING\] warning backupAge on .+: No backup found in .*backups/);
    expect(hook.body.alert).toMatchObject({ kind: 'firing', key: 'backupAge', severity: 'warning' });

    // Still firing, not yet due: nothing new is sent.
    setNow(at(10));
    expect((await agent.tick()).delivered).toEqual([]);
    expect(receiver.received).toHaveLength(2);

    writeBackup(dir, at(12));
    setNow(at(15));
    const resolved = await agent.tick();
    expect(resolved.snapshot.status).toBe('ok');
    expect(resolved.notifications.map((n) => `${n.kind}:${n.key}`)).toEqual(['resolved:backupAge']);
    expect(receiver.received.at(-1)!.body.text).toMatch(
      /^\[RESOLVED\] warning backupAge on .+: Last backup jobsearchai_backup_\d{8}_\d{6}\.db 0\.05 h ago \(limit 24 h\) \(firing since /,
    );
    expect(log.records()).toContainEqual(expect.objectContaining({ level: 30, kind: 'resolved', alert: 'backupAge' }));
  });
});

describe('agent delivery failures (SQLite)', () => {
  it('survives a dropped connection and a restart: the next process delivers without announcing again', async () => {
    const { receiver, settings, agent } = await setup('sqlite');
    receiver.setMode('drop');
    const first = await agent.tick();
    expect(first.pending).toMatchObject([{ kind: 'firing', key: 'backupAge', attempts: 1 }]);
    await agent.close();

    const state = JSON.parse(readFileSync(settings.stateFile, 'utf8')) as {
      alerts: Record<string, unknown>;
      pending: unknown[];
    };
    expect(settings.stateFile).toMatch(/jobsearch-monitor\.[0-9a-f]{12}\.state\.json$/);
    expect(Object.keys(state.alerts)).toEqual(['backupAge']);
    expect(state.pending).toHaveLength(1);

    // A new process, as cron starts one per run.
    receiver.setMode({ status: 204 });
    const log = memoryLogger();
    const next = new MonitorAgent({ settings, logger: log.logger, now: () => at(5) });
    cleanups.push(() => next.close());
    const second = await next.tick();
    expect(second.notifications).toEqual([]);
    expect(second.delivered).toMatchObject([{ kind: 'firing', key: 'backupAge', attempts: 2 }]);
    expect(receiver.received.map((r) => r.body.alert.kind)).toEqual(['firing', 'firing']);
    expect(log.messages().some((m) => m.startsWith('[FIRING]'))).toBe(false);
  });

  it('gives up on a webhook that does not answer within its timeout and keeps the message', async () => {
    const { receiver, agent } = await setup('sqlite', 500);
    // Warm up the HTTP client first, so that the short timeout measures the webhook, not module loading.
    await agent.tick();
    receiver.setMode('hang');
    const first = await agent.tick();
    expect(first.delivered).toEqual([]);
    expect(first.pending).toMatchObject([{ kind: 'firing', key: 'backupAge', attempts: 2 }]);
    expect(receiver.received).toHaveLength(2);
  });

  it('keeps order: a resolve waits behind its undelivered firing message', async () => {
    const { dir, receiver, agent, setNow } = await setup('sqlite');
    await agent.tick();
    writeBackup(dir, at(1));
    setNow(at(2));
    const second = await agent.tick();
    expect(second.notifications.map((n) => n.kind)).toEqual(['resolved']);
    expect(second.pending.map((n) => n.kind)).toEqual(['firing', 'resolved']);
    receiver.setMode({ status: 200 });
    setNow(at(3));
    const third = await agent.tick();
    expect(third.delivered.map((n) => n.kind)).toEqual(['firing', 'resolved']);
    expect(receiver.received.slice(-2).map((r) => r.body.alert.kind)).toEqual(['firing', 'resolved']);
  });

  it('without a webhook, alerts go to the log only', async () => {
    const t = await openTestStore('sqlite');
    cleanups.push(() => t.cleanup());
    await ageDatabase(t.store, 48, T0);
    const dir = dirs.make();
    const log = memoryLogger();
    const agent = new MonitorAgent({
      settings: agentSettings(dir, t.database.url),
      logger: log.logger,
      now: () => at(0),
    });
    cleanups.push(() => agent.close());
    const result = await agent.tick();
    expect(result.notifications).toHaveLength(1);
    expect(result.pending).toEqual([]);
    expect(log.messages().filter((m) => m.startsWith('[FIRING] warning backupAge'))).toHaveLength(1);
  });

  it('reports a missing database as the collection alert and recovers when it appears', async () => {
    const dir = dirs.make();
    const path = join(dir, 'instance', 'jobsearchai.db');
    const log = memoryLogger();
    let now = at(0);
    const agent = new MonitorAgent({
      settings: agentSettings(dir, `file:${path}`, { rules: { backupAge: { enabled: false } } }),
      logger: log.logger,
      now: () => now,
    });
    cleanups.push(() => agent.close());
    const down = await agent.tick();
    expect(down.snapshot.database).toMatchObject({
      provider: 'sqlite',
      reachable: false,
      error: expect.stringMatching(/No database at/),
    });
    expect(down.notifications).toMatchObject([{ kind: 'firing', key: 'collection', severity: 'critical' }]);
    expect(log.records()).toContainEqual(expect.objectContaining({ level: 50, alert: 'collection' }));

    const { openStore } = await import('@jobsearchai/core/store');
    const created = await openStore({ url: `file:${path}`, migrate: true });
    await created.close();
    now = at(5);
    const up = await agent.tick();
    expect(up.snapshot.database.reachable).toBe(true);
    expect(up.notifications).toMatchObject([{ kind: 'resolved', key: 'collection' }]);
    expect(up.snapshot.status).toBe('ok');
  });

  it('computes the growth rate from samples kept across ticks', async () => {
    const t = await openTestStore('sqlite');
    cleanups.push(() => t.cleanup());
    let now = at(0);
    const agent = new MonitorAgent({
      settings: agentSettings(dirs.make(), t.database.url),
      logger: memoryLogger().logger,
      now: () => now,
    });
    cleanups.push(() => agent.close());
    const first = await agent.tick();
    expect(first.snapshot.size!.growthBytesPerDay).toBeNull();
    await t.store.transaction(async (tx) => {
      for (let i = 0; i < 200; i++)
        await tx.insertMatch({
          jobUrl: `https://example.com/g/${i}`,
          searchTerm: 'G',
          cvKey: 'eeeeeeeeeeeeeeee',
          overallMatch: 5,
          reasoning: 'r'.repeat(3000),
          scrapedData: {},
          runId: null,
        });
    });
    now = at(120);
    const second = await agent.tick();
    const grown = second.snapshot.size!.bytes - first.snapshot.size!.bytes;
    expect(grown).toBeGreaterThan(0);
    // Two hours of growth, scaled to a day.
    expect(second.snapshot.size!.growthBytesPerDay).toBe(Math.round(grown * 12));
  });
});
