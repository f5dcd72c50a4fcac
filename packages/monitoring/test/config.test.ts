import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isJobSearchError } from '@jobsearchai/core';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMonitoringConfig, parseMonitoringConfig } from '../src/config/monitoring-config.js';
import { resolveMonitorSettings } from '../src/config/monitor-settings.js';
import { stateFileName } from '../src/config/state-location.js';
import { tempDirs } from './helpers/temp-dir.js';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

function expectInvalid(fn: () => unknown, pattern: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(isJobSearchError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as Error).message).toMatch(pattern);
    return;
  }
  throw new Error('expected INVALID_INPUT');
}

describe('monitoring config', () => {
  it('defaults to the SPEC §7 thresholds and the agent rules', () => {
    const config = parseMonitoringConfig({});
    expect(config.intervalSeconds).toBe(300);
    expect(config.rules.databaseSize).toMatchObject({ enabled: true, maxMb: 1000 });
    expect(config.rules.slowQuery.p95Ms).toBe(100);
    expect(config.rules.errorsPerHour.max).toBe(10);
    expect(config.rules.dbLocked).toMatchObject({ max: 0, severity: 'warning' });
    expect(config.rules.errorRate.maxPercent).toBe(5);
    expect(config.rules.dedupReduction.minPercent).toBe(90);
    expect(config.rules.diskFree.minPercent).toBe(10);
    expect(config.rules.backupAge.maxHours).toBe(24);
    expect(config.rules.noEvaluation).toMatchObject({ hours: 24, severity: 'critical' });
    expect(config.alerts.repeatMinutes).toBe(240);
    expect(config.alerts.webhook.url).toBeUndefined();
  });

  it('keeps the given values and fills in the rest of a partial rule', () => {
    const config = parseMonitoringConfig({
      rules: { errorRate: { maxPercent: 2 } },
      alerts: { webhook: { url: 'http://127.0.0.1:9/hook' } },
    });
    expect(config.rules.errorRate).toMatchObject({
      maxPercent: 2,
      minOperations: 20,
      enabled: true,
      severity: 'warning',
    });
    expect(config.alerts.webhook).toEqual({ url: 'http://127.0.0.1:9/hook', timeoutMs: 5000 });
  });

  it('rejects unknown keys (a typo must not silently disable a rule) and wrong types, naming the path', () => {
    expectInvalid(() => parseMonitoringConfig({ rules: { errorRates: { maxPercent: 2 } } }), /rules/);
    expectInvalid(() => parseMonitoringConfig({ rules: { slowQuery: { p95ms: 50 } } }), /rules\.slowQuery/);
    expectInvalid(() => parseMonitoringConfig({ intervalSeconds: 'often' }), /intervalSeconds/);
    expectInvalid(
      () => parseMonitoringConfig({ rules: { errorRate: { maxPercent: 150 } } }),
      /rules\.errorRate\.maxPercent/,
    );
    expectInvalid(
      () => parseMonitoringConfig({ alerts: { webhook: { url: 'ftp://example.com/x' } } }),
      /alerts\.webhook\.url/,
    );
  });

  it('resolves relative paths in the file against the file’s folder', () => {
    const dir = dirs.make();
    const path = join(dir, 'monitoring.json');
    writeFileSync(
      path,
      JSON.stringify({
        database: 'file:instance/x.db',
        logDir: 'logs',
        backupDir: '../backups',
        stateFile: 'state/monitor.json',
      }),
    );
    const config = loadMonitoringConfig(path);
    expect(config.database).toBe(`file:${join(dir, 'instance/x.db')}`);
    expect(config.logDir).toBe(join(dir, 'logs'));
    expect(config.backupDir).toBe(resolve(dir, '../backups'));
    expect(config.stateFile).toBe(join(dir, 'state/monitor.json'));
  });

  it('reports a missing file and broken JSON as usage errors', () => {
    const dir = dirs.make();
    expectInvalid(() => loadMonitoringConfig(join(dir, 'nope.json')), /Cannot read the config file/);
    writeFileSync(join(dir, 'broken.json'), '{ "rules": ');
    expectInvalid(() => loadMonitoringConfig(join(dir, 'broken.json')), /not valid JSON/);
  });

  it('accepts the shipped monitoring.example.json', () => {
    const example = fileURLToPath(new URL('../monitoring.example.json', import.meta.url));
    const config = loadMonitoringConfig(example);
    expect(config.alerts.webhook.url).toMatch(/^https:\/\//);
    expect(config.rules.diskFree.repeatMinutes).toBe(60);
  });
});

describe('resolveMonitorSettings', () => {
  it('takes flags over the config file over the environment', () => {
    const dir = dirs.make();
    mkdirSync(join(dir, 'etc'));
    writeFileSync(
      join(dir, 'etc/monitoring.json'),
      JSON.stringify({ database: 'file:from-config.db', logDir: 'config-logs', intervalSeconds: 60 }),
    );
    const env = { DATABASE_URL: 'file:from-env.db', LOG_DIR: 'env-logs', LOG_LEVEL: 'debug' as const };

    const fromConfig = resolveMonitorSettings({ config: 'etc/monitoring.json' }, env, dir);
    expect(fromConfig.databaseUrl).toBe(`file:${join(dir, 'etc/from-config.db')}`);
    expect(fromConfig.logDir).toBe(join(dir, 'etc/config-logs'));
    expect(fromConfig.intervalSeconds).toBe(60);
    expect(fromConfig.logLevel).toBe('debug');
    expect(fromConfig.stateFile).toBe(join(dir, 'etc', stateFileName(`sqlite:${join(dir, 'etc/from-config.db')}`)));

    const fromFlags = resolveMonitorSettings(
      { config: 'etc/monitoring.json', db: 'file:flag.db', logDir: 'flag-logs', interval: 30 },
      env,
      dir,
    );
    expect(fromFlags.databaseUrl).toBe('file:flag.db');
    expect(fromFlags.logDir).toBe(join(dir, 'flag-logs'));
    expect(fromFlags.intervalSeconds).toBe(30);

    const fromEnv = resolveMonitorSettings({}, env, dir);
    expect(fromEnv.databaseUrl).toBe('file:from-env.db');
    expect(fromEnv.logDir).toBe(join(dir, 'env-logs'));
    // Without a config file the state lives in the log directory.
    expect(fromEnv.stateFile).toBe(join(dir, 'env-logs', stateFileName(`sqlite:${join(dir, 'from-env.db')}`)));
    expect(fromEnv.config.backupDir).toBe(join(dir, 'backups'));
  });

  it('keeps one state file per database: by file, by PostgreSQL server and database, never by password', () => {
    const dir = dirs.make();
    writeFileSync(join(dir, 'a.db'), '');
    const state = (db: string, env: NodeJS.ProcessEnv = { LOG_DIR: 'logs' }) =>
      resolveMonitorSettings({ db }, env, dir).stateFile;
    expect(state('file:a.db')).not.toBe(state('file:b.db'));
    // One file, however it is spelled.
    expect(state('file:a.db')).toBe(state(`file:${join(dir, 'a.db')}`));
    expect(state('a.db')).toBe(state('file:./a.db'));
    expect(state('postgresql://u:one@db.example:5432/jobs')).toBe(state('postgresql://v:two@DB.example/jobs'));
    expect(state('postgresql://u@db.example/jobs')).not.toBe(state('postgresql://u@db.example/other'));
    expect(state('postgresql://u@db.example/jobs')).not.toBe(state('postgresql://u@db.example:5433/jobs'));
    const pg = resolveMonitorSettings({ db: 'postgresql://u:secret@db.example/jobs' }, {}, dir);
    expect(pg.databaseIdentity).toBe('postgresql://db.example:5432/jobs');
    expect(pg.stateFile).not.toContain('secret');
    // Without a config file or log directory: the user's state directory, not the working folder.
    expect(state('file:a.db', { XDG_STATE_HOME: join(dir, 'xdg') })).toBe(
      join(dir, 'xdg', 'jobsearchai', stateFileName(`sqlite:${join(dir, 'a.db')}`)),
    );
    expect(state('file:a.db', { HOME: join(dir, 'home') })).toMatch(
      new RegExp(`^${join(dir, 'home')}/\\.local/state/jobsearchai/jobsearch-monitor\\.[0-9a-f]{12}\\.state\\.json$`),
    );
    // An explicit file is kept as given.
    expect(resolveMonitorSettings({ db: 'file:a.db', stateFile: 's.json' }, {}, dir).stateFile).toBe(
      join(dir, 's.json'),
    );
  });

  it('reads the webhook URL from MONITOR_WEBHOOK_URL when the file has none', () => {
    const settings = resolveMonitorSettings({}, { MONITOR_WEBHOOK_URL: 'https://hooks.example.com/abc' }, dirs.make());
    expect(settings.config.alerts.webhook.url).toBe('https://hooks.example.com/abc');
    expectInvalid(
      () => resolveMonitorSettings({}, { MONITOR_WEBHOOK_URL: 'not a url' }, dirs.make()),
      /MONITOR_WEBHOOK_URL/,
    );
  });

  it('rejects an unsupported database URL and an interval out of range before anything runs', () => {
    expectInvalid(
      () => resolveMonitorSettings({ db: 'mysql://localhost/x' }, {}, dirs.make()),
      /Unsupported DATABASE_URL/,
    );
    expectInvalid(() => resolveMonitorSettings({ interval: 1 }, {}, dirs.make()), /--interval/);
  });
});
