import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isJobSearchError } from '@jobsearchai/core';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackHost, loadApiConfig } from '../src/config.js';
import { assertSafeBinding } from '../src/server.js';

describe('API configuration', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobsearch-config-'));
    dirs.push(dir);
    return dir;
  };

  it('has safe defaults and resolves directories against the working directory', () => {
    const config = loadApiConfig({ env: {}, cwd: '/srv/jobs' });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      apiToken: undefined,
      databaseUrl: undefined,
      legacyJsonDirs: ['/srv/jobs/job_matches', '/srv/jobs/job_data'],
      cvDir: '/srv/jobs/process_cv/cv-data',
      rateLimit: 600,
      rateLimitWrites: 30,
      defaultSource: 'ostjob',
      demoBoardPort: 3001,
      trustProxy: false,
    });
  });

  it('reads the environment, and flags override it', () => {
    const config = loadApiConfig({
      env: {
        PORT: '8080',
        HOST: '0.0.0.0',
        API_TOKEN: 'x'.repeat(32),
        DATABASE_URL: 'postgresql://db/jobs',
        LEGACY_JSON_DIRS: ' a , /abs/b ,',
        RATE_LIMIT: '0',
        SEARCH_SOURCE: 'demo',
        TRUST_PROXY: 'true',
        CV_DIR: 'cvs',
      },
      cwd: '/srv',
      overrides: { port: 9090, host: undefined },
    });
    expect(config).toMatchObject({
      port: 9090,
      host: '0.0.0.0',
      apiToken: 'x'.repeat(32),
      databaseUrl: 'postgresql://db/jobs',
      legacyJsonDirs: ['/srv/a', '/abs/b'],
      rateLimit: 0,
      defaultSource: 'demo',
      trustProxy: true,
      cvDir: '/srv/cvs',
    });
  });

  it('reads the alert channels and defaults', () => {
    expect(loadApiConfig({ env: {}, cwd: '/srv' }).alerts).toEqual({
      webhookUrl: undefined,
      email: undefined,
      minScore: 8,
      delivery: 'run',
      digestTime: '08:00',
      timeZone: 'UTC',
      dispatchMs: 30_000,
      maxAttempts: 6,
    });
    const config = loadApiConfig({
      env: {
        ALERT_WEBHOOK_URL: 'https://hooks.example.com/T000/B000',
        ALERT_SMTP_URL: 'smtps://alerts:secret@mail.example.com:465',
        ALERT_EMAIL_FROM: 'JobSearchAI <alerts@example.com>',
        ALERT_EMAIL_TO: 'me@example.com, partner@example.com',
        ALERT_MIN_SCORE: '9',
        ALERT_DELIVERY: 'digest',
        ALERT_DIGEST_TIME: '07:30',
        ALERT_TIME_ZONE: 'Europe/Zurich',
      },
      cwd: '/srv',
    });
    expect(config.alerts).toMatchObject({
      webhookUrl: 'https://hooks.example.com/T000/B000',
      email: {
        smtpUrl: 'smtps://alerts:secret@mail.example.com:465',
        from: 'JobSearchAI <alerts@example.com>',
        to: ['me@example.com', 'partner@example.com'],
      },
      minScore: 9,
      delivery: 'digest',
      digestTime: '07:30',
      timeZone: 'Europe/Zurich',
    });
  });

  it.each([
    [{ ALERT_WEBHOOK_URL: 'hooks.example.com' }, /ALERT_WEBHOOK_URL must be an http:\/\/ or https:\/\/ URL/],
    [{ ALERT_SMTP_URL: 'http://mail.example.com' }, /ALERT_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/],
    [{ ALERT_SMTP_URL: 'smtp://mail.example.com' }, /ALERT_EMAIL_FROM and ALERT_EMAIL_TO are missing/],
    [{ ALERT_MIN_SCORE: '11' }, /ALERT_MIN_SCORE must be from 0 to 10/],
    [{ ALERT_DELIVERY: 'weekly' }, /ALERT_DELIVERY must be run, digest or off/],
    [{ ALERT_DIGEST_TIME: '8am' }, /ALERT_DIGEST_TIME must be a time of day HH:MM/],
    [{ ALERT_TIME_ZONE: 'Mars/Olympus' }, /ALERT_TIME_ZONE must be an IANA time zone/],
    [{ ALERT_MAX_ATTEMPTS: '0' }, /ALERT_MAX_ATTEMPTS must be 1 or more/],
    [{ PORT: 'http' }, /PORT must be a port number from 0 to 65535/],
    [{ PORT: '70000' }, /PORT must be a port number/],
    [{ API_TOKEN: 'short' }, /API_TOKEN must be at least 16 characters/],
    [{ RATE_LIMIT: '-5' }, /RATE_LIMIT must be 0 or more/],
    [{ SEARCH_SOURCE: 'indeed' }, /SEARCH_SOURCE must be demo or ostjob/],
    [{ TRUST_PROXY: 'maybe' }, /TRUST_PROXY must be true or false/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
  ])('rejects %o with a message naming the variable', (env, message) => {
    try {
      loadApiConfig({ env, cwd: '/srv' });
      expect.unreachable();
    } catch (error) {
      expect(isJobSearchError(error, 'INVALID_INPUT')).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('uses DASHBOARD_DIR only when it holds a built dashboard', () => {
    const dir = tempDir();
    expect(() => loadApiConfig({ env: { DASHBOARD_DIR: dir }, cwd: dir })).toThrow(/has no index.html/);
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    expect(loadApiConfig({ env: { DASHBOARD_DIR: dir }, cwd: '/' }).dashboardDir).toBe(dir);
  });

  it("finds the dashboard in the working directory's checkout", () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'apps/dashboard/dist'), { recursive: true });
    writeFileSync(join(cwd, 'apps/dashboard/dist/index.html'), '<!doctype html>');
    expect(loadApiConfig({ env: {}, cwd }).dashboardDir).toBe(join(cwd, 'apps/dashboard/dist'));
  });

  it('refuses a non-loopback address without API_TOKEN, and says how to fix it', () => {
    expect(() => assertSafeBinding({ host: '0.0.0.0', apiToken: undefined })).toThrow(
      /Refusing to listen on 0.0.0.0 without API_TOKEN.*openssl rand/,
    );
    expect(() => assertSafeBinding({ host: '192.168.1.5', apiToken: undefined })).toThrow(/without API_TOKEN/);
    expect(() => assertSafeBinding({ host: '0.0.0.0', apiToken: 'x'.repeat(32) })).not.toThrow();
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2'])
      expect(() => assertSafeBinding({ host, apiToken: undefined }), host).not.toThrow();
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('127.example.com')).toBe(false);
  });
});
