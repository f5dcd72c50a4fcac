import { openTestStore, type TestStore } from '@jobsearchai/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { HealthSnapshot } from '../src/collect/types.js';
import { monitor, type MonitorResult } from '../src/commands/monitor.js';
import { ageDatabase, agentSettings } from './helpers/agent-setup.js';
import { memoryLogger } from './helpers/memory-logger.js';
import { tempDirs } from './helpers/temp-dir.js';
import { startWebhookReceiver } from './helpers/webhook-receiver.js';

const dirs = tempDirs();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  dirs.cleanup();
});

/** Resolves with each tick's snapshot in turn. */
function tickQueue() {
  const waiting: ((s: HealthSnapshot) => void)[] = [];
  const ready: HealthSnapshot[] = [];
  return {
    onTick(snapshot: HealthSnapshot) {
      const next = waiting.shift();
      if (next) next(snapshot);
      else ready.push(snapshot);
    },
    next(): Promise<HealthSnapshot> {
      const snapshot = ready.shift();
      return snapshot ? Promise.resolve(snapshot) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

describe('the agent loop', () => {
  it('serves /metrics and /health, keeps ticking through a failing webhook, delivers on a later tick and stops on abort', async () => {
    const t: TestStore = await openTestStore('sqlite');
    cleanups.push(() => t.cleanup());
    await ageDatabase(t.store, 48);
    const receiver = await startWebhookReceiver({ status: 503 });
    cleanups.push(() => receiver.close());
    const dir = dirs.make();
    agentSettings(dir, t.database.url, { intervalSeconds: 5, alerts: { webhook: { url: receiver.url } } });

    const ticks = tickQueue();
    const controller = new AbortController();
    let metricsUrl = '';
    const log = memoryLogger();
    const running: Promise<MonitorResult> = monitor({
      config: `${dir}/monitoring.json`,
      port: 0,
      env: {},
      cwd: dir,
      logger: log.logger,
      signal: controller.signal,
      onListening: (url) => (metricsUrl = url),
      onTick: ticks.onTick,
    });
    cleanups.push(async () => {
      controller.abort();
      await running.catch(() => undefined);
    });

    const first = await ticks.next();
    expect(first.status).toBe('alerting');
    expect(receiver.received).toHaveLength(1);
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const metrics = await fetch(`${metricsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    expect(text).toContain('jobsearch_db_up 1');
    expect(text).toContain('jobsearch_alert_firing{alert="backupAge",severity="warning"} 1');
    expect(text).toMatch(/jobsearch_db_size_bytes \d+/);
    expect(text).toMatch(/jobsearch_db_probe_p95_seconds\{query="dedup_lookup"\} [\d.e-]+/);
    expect(text).toContain('jobsearch_last_backup_timestamp_seconds 0');
    expect(text).toContain('process_resident_memory_bytes');
    // No traffic: the error ratio is unknown, so the series is absent rather than a misleading 0.
    expect(text).not.toMatch(/^jobsearch_error_ratio /m);

    const health = await fetch(`${metricsUrl}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'alerting', alerts: [{ key: 'backupAge' }] });
    expect((await fetch(`${metricsUrl}/nothing`)).status).toBe(404);

    receiver.setMode({ status: 200 });
    const second = await ticks.next();
    expect(second.status).toBe('alerting');
    expect(receiver.received.map((r) => r.body.alert.attempts)).toEqual([1, 2]);
    expect(log.messages().filter((m) => m.startsWith('[FIRING]'))).toHaveLength(1);

    controller.abort();
    await expect(running).resolves.toMatchObject({ exitCode: 0, snapshot: { status: 'alerting' } });
    await expect(fetch(`${metricsUrl}/metrics`)).rejects.toThrow();
    expect(log.messages()).toContain('monitor stopped');
  });
});
