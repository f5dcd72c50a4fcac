import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectSuccess, freePort, run, start, type LongRunning } from './harness/processes.js';

/**
 * DEPLOYMENT.md's 48-hour verification, compressed: `jobsearch-bench soak` drives the API with
 * concurrent clients while `jobsearch-monitor` watches the same database with the default alert
 * rules. SOAK_SECONDS sets the length (default 180; run it for hours before a release).
 */
const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const MONITOR_INTERVAL_SECONDS = 5;

describe('soak rehearsal with the monitor running', { timeout: (SOAK_SECONDS + 240) * 1000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobsearch-soak-'));
  const running: LongRunning[] = [];
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it(`serves ${SOAK_SECONDS} s of dashboard traffic with 0 errors while the monitor raises no alert`, async () => {
    expect(SOAK_SECONDS, 'SOAK_SECONDS must be a whole number of seconds ≥ 30').toBeGreaterThanOrEqual(30);
    const soak = start(
      'jobsearch-bench',
      [
        'soak',
        '--rows',
        '20000',
        '--duration',
        String(SOAK_SECONDS),
        '--connections',
        '10',
        '--work-dir',
        dir,
        '--json',
      ],
      { cwd: dir },
    );
    running.push(soak);
    // The database is seeded and the API is up once the soak names its server.
    await soak.waitFor(/soak: API pid \d+ at (http:\/\/\S+)/, 120_000);
    const database = `file:${join(dir, 'soak.db')}`;

    // As after a deployment: a fresh verified backup (the backupAge rule expects one).
    expectSuccess(
      await run('jobsearch-migrate', ['backup', '--db', database, '--dir', join(dir, 'backups')], { cwd: dir }),
      'backup',
    );
    writeFileSync(join(dir, 'monitoring.json'), JSON.stringify({ backupDir: 'backups' }));
    const port = await freePort();
    const monitor = start(
      'jobsearch-monitor',
      [
        '--config',
        join(dir, 'monitoring.json'),
        '--db',
        database,
        '--interval',
        String(MONITOR_INTERVAL_SECONDS),
        '--port',
        String(port),
        '--log-dir',
        join(dir, 'logs'),
        '--state-file',
        join(dir, 'monitor-state.json'),
      ],
      { cwd: dir, env: { LOG_LEVEL: 'info' } },
    );
    running.push(monitor);

    const healthChecks: Array<{ status: number; alerts: unknown }> = [];
    let finished = false;
    const soakDone = new Promise<number | null>((resolve) => soak.child.once('exit', (code) => resolve(code))).finally(
      () => (finished = true),
    );
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, MONITOR_INTERVAL_SECONDS * 1000));
      try {
        const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(5_000) });
        const body = (await response.json()) as { alerts?: unknown };
        healthChecks.push({ status: response.status, alerts: body.alerts });
      } catch (error) {
        healthChecks.push({ status: 0, alerts: String(error) });
      }
    }
    expect(await soakDone, soak.output()).toBe(0);
    const result = JSON.parse(soak.stdout()) as {
      throughput: { requests: number; requestsPerSecond: number };
      latencyMs: { p50: number; p99: number };
      errors: { errors: number; timeouts: number; non2xx: number };
      rssMb: { beforeLoad: number; end: number; growth: number };
    };
    await monitor.stop();

    console.log(
      `soak ${SOAK_SECONDS} s: ${result.throughput.requests} requests, ${result.throughput.requestsPerSecond} req/s, p50 ${result.latencyMs.p50} ms, ` +
        `p99 ${result.latencyMs.p99} ms, RSS ${result.rssMb.beforeLoad} → ${result.rssMb.end} MB; monitor health checks: ${healthChecks.length}`,
    );
    expect(result.throughput.requests).toBeGreaterThan(SOAK_SECONDS * 10);
    expect(result.errors).toEqual({ errors: 0, timeouts: 0, non2xx: 0, statusCodes: expect.any(Object) });

    // The monitor ticked throughout and never saw an alert.
    expect(healthChecks.length).toBeGreaterThanOrEqual(Math.floor(SOAK_SECONDS / MONITOR_INTERVAL_SECONDS) - 3);
    expect(healthChecks.filter((check) => check.status !== 200)).toEqual([]);
    const logs = readdirSync(join(dir, 'logs'))
      .map((name) => readFileSync(join(dir, 'logs', name), 'utf8'))
      .join('');
    const ticks = logs.split('\n').filter((line) => line.includes('"msg":"monitor tick"'));
    expect(ticks.length).toBeGreaterThanOrEqual(Math.floor(SOAK_SECONDS / MONITOR_INTERVAL_SECONDS) - 3);
    expect(ticks.every((line) => line.includes('"alerts":0'))).toBe(true);
    expect(logs).not.toMatch(/"kind":"firing"/);
  });
});
