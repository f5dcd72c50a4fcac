import { describe, expect, it } from 'vitest';
import { trackAlerts, type AlertState } from '../src/alerts/alert-tracker.js';
import { evaluateRules, type RuleResult } from '../src/alerts/rules.js';
import type { CollectedSnapshot } from '../src/collect/collect-snapshot.js';
import { parseMonitoringConfig, type MonitoringConfig, type RuleName } from '../src/config/monitoring-config.js';
import { NOW } from './helpers/seed.js';
import { healthySnapshot } from './helpers/snapshots.js';

const config = parseMonitoringConfig({});
const MB = 1024 * 1024;

function resultFor(results: RuleResult[], key: string): RuleResult {
  const result = results.find((r) => r.key === key);
  if (!result) throw new Error(`no result for ${key}: ${results.map((r) => r.key).join(', ')}`);
  return result;
}

/** Per rule: a snapshot that makes it (and only it) fire. */
const firing: { key: string; rule: RuleName; snapshot: () => CollectedSnapshot; message: RegExp }[] = [
  {
    key: 'databaseSize',
    rule: 'databaseSize',
    snapshot: () =>
      healthySnapshot({ size: { bytes: 1001 * MB, fileBytes: 1000 * MB, walBytes: MB, growthBytesPerDay: 30 * MB } }),
    message: /Database size 1001 MB \(limit 1000 MB, \+30 MB\/day\)/,
  },
  {
    key: 'slowQuery',
    rule: 'slowQuery',
    snapshot: () => healthySnapshot({ probe: { repetitions: 20, dedupLookupP95Ms: 0.5, listQueryP95Ms: 180 } }),
    message: /list query 180 ms \(limit 100 ms\)/,
  },
  {
    key: 'errorsPerHour',
    rule: 'errorsPerHour',
    snapshot: () =>
      healthySnapshot({
        errors: {
          windowHours: 1,
          total: 11,
          byKind: { scrape_error: 8, llm_error: 3 },
          operations: 1000,
          errorPercent: 1.1,
        },
      }),
    message: /11 errors in the last hour \(scrape_error 8, llm_error 3\) \(limit 10\)/,
  },
  {
    key: 'dbLocked',
    rule: 'dbLocked',
    snapshot: () =>
      healthySnapshot({
        errors: { windowHours: 1, total: 1, byKind: { db_locked: 1 }, operations: 1000, errorPercent: 0.1 },
      }),
    message: /^1 database-locked errors in the last hour \(limit 0\)/,
  },
  {
    key: 'errorRate',
    rule: 'errorRate',
    snapshot: () =>
      healthySnapshot({
        errors: { windowHours: 1, total: 6, byKind: { scrape_error: 6 }, operations: 100, errorPercent: 6 },
      }),
    message: /Error rate 6 %/,
  },
  {
    key: 'dedupReduction',
    rule: 'dedupReduction',
    snapshot: () =>
      healthySnapshot({
        dedup: { ...healthySnapshot().dedup!, repeatRuns: 3, repeatRunPostings: 60, repeatReductionPercent: 40 },
      }),
    message: /Dedup reduction on 3 repeat runs: 40 %/,
  },
  {
    key: 'noEvaluation',
    rule: 'noEvaluation',
    snapshot: () =>
      healthySnapshot({
        evaluations: {
          lastSuccessAt: '2026-03-08T00:00:00.000Z',
          hoursSinceLastSuccess: 60,
          windowHours: 24,
          runsInWindow: 12,
          runsExpectingEvaluations: 5,
        },
      }),
    message: /Last successful evaluation: 60 h ago; 5 of 12 runs/,
  },
  {
    key: 'llmErrorRatio',
    rule: 'llmErrorRatio',
    snapshot: () =>
      healthySnapshot({ llm: { ...healthySnapshot().llm!, ratioCalls: 40, ratioFailed: 12, errorPercent: 30 } }),
    message: /LLM error ratio 30 % \(12 of 40 calls/,
  },
  {
    key: 'diskFree:logs',
    rule: 'diskFree',
    snapshot: () =>
      healthySnapshot({
        disks: [
          { role: 'logs', path: '/var/log/jobsearchai', freeBytes: 5e9, totalBytes: 100e9, freePercent: 5 },
          healthySnapshot().disks[1]!,
        ],
      }),
    message: /logs path \/var\/log\/jobsearchai: 5 %/,
  },
  {
    key: 'backupAge',
    rule: 'backupAge',
    snapshot: () =>
      healthySnapshot({
        backup: {
          dir: '/b',
          latestFile: 'jobsearchai_backup_20260308_020000.db',
          latestAt: '2026-03-08T02:00:00.000Z',
          hoursSinceLastBackup: 58,
          databaseAgeHours: 400,
        },
      }),
    message: /Last backup jobsearchai_backup_20260308_020000\.db 58 h ago \(limit 24 h\)/,
  },
  {
    key: 'modelShutdown',
    rule: 'modelShutdown',
    snapshot: () =>
      healthySnapshot({
        model: {
          id: 'gpt-4o-mini',
          state: 'retiring',
          shutdown: '2027-01-14',
          daysLeft: 12,
          replacement: 'gpt-6-luna',
        },
      }),
    message: /Model gpt-4o-mini shuts down on 2027-01-14 \(in 12 days\); switch OPENAI_MODEL to gpt-6-luna/,
  },
  {
    key: 'connections',
    rule: 'connections',
    snapshot: () =>
      healthySnapshot({ connections: { database: 60, active: 50, idle: 10, server: 85, max: 100, usedPercent: 85 } }),
    message: /85 of 100 \(85 %/,
  },
  {
    key: 'alertDeliveries',
    rule: 'alertDeliveries',
    snapshot: () =>
      healthySnapshot({ alertDeliveries: { ...healthySnapshot().alertDeliveries!, failed: 3, failedInWindow: 1 } }),
    message: /Match alerts: 1 given up in 24 h \(limit 0\)/,
  },
  {
    key: 'alertDeliveries',
    rule: 'alertDeliveries',
    snapshot: () =>
      healthySnapshot({ alertDeliveries: { ...healthySnapshot().alertDeliveries!, pending: 90, retrying: 20 } }),
    message: /20 retrying, 110 waiting \(limit 100\)/,
  },
  {
    key: 'alertDeliveries',
    rule: 'alertDeliveries',
    snapshot: () =>
      healthySnapshot({
        alertDeliveries: { ...healthySnapshot().alertDeliveries!, retrying: 1, oldestDueMinutes: 75 },
      }),
    message: /oldest due 75 min ago \(limit 60 min\)/,
  },
  {
    key: 'collection',
    rule: 'collection',
    snapshot: () => healthySnapshot({ collectorErrors: [{ collector: 'probe', message: 'SQLITE_BUSY' }] }),
    message: /Monitoring cannot collect: probe: SQLITE_BUSY/,
  },
];

describe('evaluateRules', () => {
  it('fires nothing on a healthy snapshot', () => {
    const results = evaluateRules(healthySnapshot(), config);
    expect(results.filter((r) => r.state !== 'ok')).toEqual([]);
    expect(results.map((r) => r.key).sort()).toEqual([
      'alertDeliveries',
      'backupAge',
      'collection',
      'connections',
      'databaseSize',
      'dbLocked',
      'dedupReduction',
      'diskFree:backups',
      'diskFree:logs',
      'errorRate',
      'errorsPerHour',
      'llmErrorRatio',
      'modelShutdown',
      'noEvaluation',
      'slowQuery',
    ]);
  });

  it('has no model rule with the offline matcher, and fires once the model is retired', () => {
    expect(evaluateRules(healthySnapshot({ model: null }), config).map((r) => r.key)).not.toContain('modelShutdown');
    const retired = evaluateRules(
      healthySnapshot({
        model: { id: 'gpt-4o-mini', state: 'retired', shutdown: '2027-01-14', daysLeft: 0, replacement: 'gpt-6-luna' },
      }),
      config,
    ).find((r) => r.key === 'modelShutdown');
    expect(retired).toMatchObject({ state: 'firing', severity: 'warning' });
    expect(retired?.message).toMatch(/was shut down on 2027-01-14: searches fail; switch OPENAI_MODEL to gpt-6-luna/);
    const current = evaluateRules(
      healthySnapshot({
        model: { id: 'gpt-6-luna', state: 'current', shutdown: null, daysLeft: null, replacement: null },
      }),
      config,
    ).find((r) => r.key === 'modelShutdown');
    expect(current).toMatchObject({ state: 'ok', message: 'Model gpt-6-luna: no shutdown announced within 30 days' });
  });

  it.each(firing)('$key fires on its own condition, with a message that says why', ({ key, snapshot, message }) => {
    const results = evaluateRules(snapshot(), config);
    expect(results.filter((r) => r.state === 'firing').map((r) => r.key)).toEqual([key]);
    expect(resultFor(results, key).message).toMatch(message);
  });

  it('uses the configured thresholds and severities', () => {
    const strict = parseMonitoringConfig({ rules: { databaseSize: { maxMb: 100, severity: 'critical' } } });
    const result = resultFor(evaluateRules(healthySnapshot(), strict), 'databaseSize');
    expect(result).toMatchObject({ state: 'firing', severity: 'critical' });
  });

  it('keeps rate rules quiet below the minimum traffic', () => {
    const quiet = evaluateRules(
      healthySnapshot({
        errors: { windowHours: 1, total: 3, byKind: { llm_error: 3 }, operations: 5, errorPercent: 60 },
        llm: { ...healthySnapshot().llm!, ratioCalls: 3, ratioFailed: 3, errorPercent: 100 },
        dedup: { ...healthySnapshot().dedup!, repeatRuns: 1, repeatRunPostings: 10, repeatReductionPercent: 0 },
      }),
      config,
    );
    for (const key of ['errorRate', 'llmErrorRatio', 'dedupReduction']) {
      expect(resultFor(quiet, key)).toMatchObject({ state: 'ok', message: expect.stringMatching(/not judged/) });
    }
  });

  it('does not call a quiet board a dead pipeline: no evaluation is fine when no run had work', () => {
    const quietBoard = healthySnapshot({
      evaluations: {
        lastSuccessAt: null,
        hoursSinceLastSuccess: null,
        windowHours: 24,
        runsInWindow: 8,
        runsExpectingEvaluations: 0,
      },
    });
    expect(resultFor(evaluateRules(quietBoard, config), 'noEvaluation').state).toBe('ok');
    const neverEvaluated = healthySnapshot({
      evaluations: {
        lastSuccessAt: null,
        hoursSinceLastSuccess: null,
        windowHours: 24,
        runsInWindow: 8,
        runsExpectingEvaluations: 2,
      },
    });
    expect(resultFor(evaluateRules(neverEvaluated, config), 'noEvaluation')).toMatchObject({
      state: 'firing',
      message: expect.stringMatching(/never/),
    });
  });

  it('fires backupAge when there is no backup at all and the database is older than the limit (or of unknown age)', () => {
    const none = (databaseAgeHours: number | null) =>
      healthySnapshot({
        backup: { dir: '/srv/backups', latestFile: null, latestAt: null, hoursSinceLastBackup: null, databaseAgeHours },
      });
    expect(resultFor(evaluateRules(none(null), config), 'backupAge')).toMatchObject({
      state: 'firing',
      message: 'No backup found in /srv/backups (expected one at least every 24 h)',
    });
    expect(resultFor(evaluateRules(none(30), config), 'backupAge')).toMatchObject({
      state: 'firing',
      message: 'No backup found in /srv/backups (expected one at least every 24 h; the database is 30 h old)',
    });
  });

  it('does not fire backupAge for a database younger than the limit that has no backup yet', () => {
    const fresh = healthySnapshot({
      backup: {
        dir: '/srv/backups',
        latestFile: null,
        latestAt: null,
        hoursSinceLastBackup: null,
        databaseAgeHours: 2,
      },
    });
    expect(resultFor(evaluateRules(fresh, config), 'backupAge')).toMatchObject({
      state: 'ok',
      message:
        'No backup yet in /srv/backups; the database is 2 h old, its first backup is due within 22 h (limit 24 h)',
    });
  });

  it('marks rules whose data is missing as unknown, and fires collection for an unreachable database', () => {
    const down = healthySnapshot({
      database: { provider: 'sqlite', location: '/srv/x.db', reachable: false, error: 'No database at /srv/x.db' },
      size: null,
      probe: null,
      connections: null,
      llm: null,
      errors: null,
      dedup: null,
      savings: null,
      evaluations: null,
    });
    const results = evaluateRules(down, config);
    for (const key of [
      'databaseSize',
      'slowQuery',
      'errorsPerHour',
      'dbLocked',
      'errorRate',
      'dedupReduction',
      'noEvaluation',
      'llmErrorRatio',
    ]) {
      expect(resultFor(results, key).state).toBe('unknown');
    }
    // No connections rule on SQLite.
    expect(results.some((r) => r.key === 'connections')).toBe(false);
    expect(resultFor(results, 'collection')).toMatchObject({
      state: 'firing',
      severity: 'critical',
      message: expect.stringMatching(/database unreachable: No database at \/srv\/x\.db/),
    });
  });

  it('leaves out disabled rules', () => {
    const off = parseMonitoringConfig({ rules: { backupAge: { enabled: false }, diskFree: { enabled: false } } });
    const keys = evaluateRules(healthySnapshot(), off).map((r) => r.key);
    expect(keys).not.toContain('backupAge');
    expect(keys.some((k) => k.startsWith('diskFree'))).toBe(false);
  });
});

describe('alert lifecycle (injected clock)', () => {
  const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
  const run = (
    alerts: Record<string, AlertState>,
    snapshot: CollectedSnapshot,
    at: Date,
    cfg: MonitoringConfig = config,
    complete = true,
  ) =>
    trackAlerts(alerts, evaluateRules(snapshot, cfg), {
      now: at,
      repeatMinutes: (rule) => cfg.rules[rule].repeatMinutes ?? cfg.alerts.repeatMinutes,
      complete,
    });

  it.each(firing)('$key: fires once, repeats after the interval, resolves when cleared', ({ key, rule, snapshot }) => {
    const first = run({}, snapshot(), minutes(0));
    expect(first.notifications).toMatchObject([{ kind: 'firing', key, rule, firingSince: minutes(0).toISOString() }]);

    const quiet = run(first.alerts, snapshot(), minutes(5));
    expect(quiet.notifications).toEqual([]);
    const almost = run(quiet.alerts, snapshot(), minutes(239));
    expect(almost.notifications).toEqual([]);

    const repeat = run(almost.alerts, snapshot(), minutes(240));
    expect(repeat.notifications).toMatchObject([{ kind: 'repeat', key, firingSince: minutes(0).toISOString() }]);
    // The interval counts from the last message, not from the first.
    expect(run(repeat.alerts, snapshot(), minutes(300)).notifications).toEqual([]);
    expect(run(repeat.alerts, snapshot(), minutes(480)).notifications).toMatchObject([{ kind: 'repeat', key }]);

    const resolved = run(repeat.alerts, healthySnapshot(), minutes(490));
    expect(resolved.notifications).toMatchObject([{ kind: 'resolved', key, firingSince: minutes(0).toISOString() }]);
    expect(resolved.alerts).toEqual({});
    expect(run(resolved.alerts, healthySnapshot(), minutes(500)).notifications).toEqual([]);

    // Firing again later is a new alert with a new start.
    expect(run(resolved.alerts, snapshot(), minutes(600)).notifications).toMatchObject([
      { kind: 'firing', firingSince: minutes(600).toISOString() },
    ]);
  });

  it('honours a rule’s own repeat interval', () => {
    const cfg = parseMonitoringConfig({ rules: { diskFree: { repeatMinutes: 30 } } });
    const low = firing.find((f) => f.rule === 'diskFree')!.snapshot();
    const first = run({}, low, minutes(0), cfg);
    expect(run(first.alerts, low, minutes(29), cfg).notifications).toEqual([]);
    expect(run(first.alerts, low, minutes(30), cfg).notifications).toMatchObject([
      { kind: 'repeat', key: 'diskFree:logs' },
    ]);
  });

  it('keeps an alert through a tick whose data is missing, instead of resolving it', () => {
    const big = firing.find((f) => f.rule === 'databaseSize')!.snapshot();
    const first = run({}, big, minutes(0));
    const blind = run(
      first.alerts,
      healthySnapshot({ size: null, collectorErrors: [{ collector: 'size', message: 'EACCES' }] }),
      minutes(5),
      config,
      false,
    );
    expect(blind.notifications.map((n) => `${n.kind}:${n.key}`)).toEqual(['firing:collection']);
    expect(blind.alerts.databaseSize).toEqual(first.alerts.databaseSize);
    const back = run(blind.alerts, big, minutes(10));
    expect(back.notifications.map((n) => `${n.kind}:${n.key}`)).toEqual(['resolved:collection']);
  });

  it('resolves an alert whose rule was switched off, once a complete tick no longer checks it', () => {
    const old = firing.find((f) => f.rule === 'backupAge')!.snapshot();
    const first = run({}, old, minutes(0));
    const off = parseMonitoringConfig({ rules: { backupAge: { enabled: false } } });
    const incomplete = run(first.alerts, old, minutes(1), off, false);
    expect(incomplete.notifications).toEqual([]);
    const later = run(incomplete.alerts, old, minutes(2), off, true);
    expect(later.notifications).toMatchObject([
      { kind: 'resolved', key: 'backupAge', message: expect.stringMatching(/no longer checked/) },
    ]);
  });

  it('tracks several alerts independently', () => {
    const both = healthySnapshot({
      disks: [
        { role: 'logs', path: '/l', freeBytes: 1e9, totalBytes: 100e9, freePercent: 1 },
        { role: 'backups', path: '/b', freeBytes: 2e9, totalBytes: 100e9, freePercent: 2 },
      ],
    });
    const first = run({}, both, minutes(0));
    expect(first.notifications.map((n) => n.key).sort()).toEqual(['diskFree:backups', 'diskFree:logs']);
    const oneFixed = run(
      first.alerts,
      healthySnapshot({ disks: [both.disks[0]!, { ...both.disks[1]!, freePercent: 40 }] }),
      minutes(5),
    );
    expect(oneFixed.notifications).toMatchObject([{ kind: 'resolved', key: 'diskFree:backups' }]);
    expect(Object.keys(oneFixed.alerts)).toEqual(['diskFree:logs']);
  });
});
