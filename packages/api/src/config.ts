import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AlertDeliveryMode,
  DEFAULT_RUN_STALE_MINUTES,
  JobSearchError,
  loadCoreEnv,
  type CoreEnv,
} from '@jobsearchai/core';
import { z } from 'zod';
import { isTimeZone } from './schedules/cron-schedule.js';

/**
 * The API's settings, validated once. Nothing else in this package reads process.env: commands
 * pass their flags as overrides, tests build a config with `apiConfig({...})`.
 */

/** This package's folder (holding package.json and assets/), wherever the code was built to. */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@jobsearchai/api'
    )
      return dir;
    if (dirname(dir) === dir) throw new Error(`Cannot find the @jobsearchai/api package above ${start}.`);
  }
}

const port = z.coerce
  .number({ error: 'must be a port number from 0 to 65535' })
  .int({ error: 'must be a port number from 0 to 65535' })
  .min(0, { error: 'must be a port number from 0 to 65535' })
  .max(65535, { error: 'must be a port number from 0 to 65535' });

const count = (what: string) =>
  z.coerce
    .number({ error: `must be a whole number (${what})` })
    .int({ error: `must be a whole number (${what})` })
    .min(0, { error: `must be 0 or more (${what})` });

const ApiEnvSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  API_TOKEN: z
    .string()
    .trim()
    .min(16, { error: 'must be at least 16 characters; generate one with `openssl rand -hex 32`' })
    .optional(),
  LEGACY_JSON_DIRS: z.string().default('job_matches,job_data'),
  DASHBOARD_DIR: z.string().trim().min(1).optional(),
  CV_DIR: z.string().trim().min(1).default('process_cv/cv-data'),
  RATE_LIMIT: count('requests per minute and client; 0 turns rate limiting off').default(600),
  RATE_LIMIT_WRITES: count('write requests per minute and client; 0 turns it off').default(30),
  SEARCH_SOURCE: z.enum(['demo', 'ostjob'], { error: 'must be demo or ostjob' }).default('ostjob'),
  DEMO_BOARD_PORT: port.default(3001),
  RUN_STALE_MINUTES: count('minutes after which a run still marked running no longer blocks a new one').default(
    DEFAULT_RUN_STALE_MINUTES,
  ),
  SCHEDULER_TICK_MS: count('milliseconds between two looks for due schedules; 0 turns the scheduler off').default(
    30_000,
  ),
  SHUTDOWN_GRACE_MS: count('milliseconds to let requests and searches finish on shutdown').default(10_000),
  ALERT_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  ALERT_SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      error: 'must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.com:587',
    })
    .optional(),
  ALERT_EMAIL_FROM: z.string().trim().min(3, { error: 'must be a sender address' }).optional(),
  ALERT_EMAIL_TO: z.string().trim().min(3, { error: 'must be one or more addresses, separated by commas' }).optional(),
  ALERT_MIN_SCORE: count('the score from 0 to 10 from which a new match of a manual run is alerted')
    .max(10, { error: 'must be from 0 to 10 (score from which a new match of a manual run is alerted)' })
    .default(8),
  ALERT_DELIVERY: z.enum(['run', 'digest', 'off'], { error: 'must be run, digest or off' }).default('run'),
  ALERT_DIGEST_TIME: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time of day HH:MM, e.g. 08:00' })
    .default('08:00'),
  ALERT_TIME_ZONE: z
    .string()
    .trim()
    .refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/Zurich or UTC' })
    .default('UTC'),
  ALERT_DISPATCH_MS: count('milliseconds between two looks for alerts to send; 0 turns sending off').default(30_000),
  ALERT_MAX_ATTEMPTS: count('send attempts of one alert before it is given up')
    .min(1, { error: 'must be 1 or more (send attempts of one alert before it is given up)' })
    .max(20, { error: 'must be at most 20 (send attempts of one alert before it is given up)' })
    .default(6),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export type SearchSourceName = 'demo' | 'ostjob';

/** Alerts on strong matches new to a CV (ALERT_* variables). */
export interface AlertConfig {
  webhookUrl: string | undefined;
  email: { smtpUrl: string; from: string; to: string[] } | undefined;
  /** Score from which a new match of a run not started by a schedule is alerted. */
  minScore: number;
  /** How the alerts of runs not started by a schedule go out. */
  delivery: AlertDeliveryMode;
  /** HH:MM: digests are sent at the first such time after the alert was queued… */
  digestTime: string;
  /** …read in this zone for runs not started by a schedule (a schedule's runs use the schedule's zone). */
  timeZone: string;
  /** Milliseconds between two looks for due alerts in a serving instance; 0 = this instance sends none. */
  dispatchMs: number;
  maxAttempts: number;
}

export interface ApiConfig {
  port: number;
  host: string;
  /** When unset, writes are accepted from loopback clients only and the server binds to loopback only. */
  apiToken: string | undefined;
  databaseUrl: string | undefined;
  /** Absolute directories searched for legacy job_matches_*.json and job_data_*.json files. */
  legacyJsonDirs: string[];
  /** Absolute path of the dashboard's built files, or undefined when none were found. */
  dashboardDir: string | undefined;
  /** CV files that POST /api/runs may read must lie inside this directory. */
  cvDir: string;
  /** Requests per minute per client on /api; 0 = off. */
  rateLimit: number;
  rateLimitWrites: number;
  defaultSource: SearchSourceName;
  /** Where the bundled demo board listens (shared by every process); 0 = a private board on any free port. */
  demoBoardPort: number;
  runStaleMinutes: number;
  /** Milliseconds between the scheduler's looks for due schedules; 0 = no scheduler in this process. */
  schedulerTickMs: number;
  shutdownGraceMs: number;
  alerts: AlertConfig;
  /** Honour X-Forwarded-For (only behind a reverse proxy you control). */
  trustProxy: boolean;
  cwd: string;
  core: CoreEnv;
}

export interface LoadApiConfigOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  overrides?: Partial<Omit<ApiConfig, 'core' | 'cwd'>>;
}

export function loadApiConfig(options: LoadApiConfigOptions = {}): ApiConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const core = loadCoreEnv(env);
  const parsed = ApiEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ');
    throw new JobSearchError('INVALID_INPUT', `Invalid environment: ${problems}.`);
  }
  const e = parsed.data;
  const config: ApiConfig = {
    port: e.PORT,
    host: e.HOST,
    apiToken: e.API_TOKEN,
    databaseUrl: core.DATABASE_URL,
    legacyJsonDirs: splitList(e.LEGACY_JSON_DIRS).map((dir) => resolve(cwd, dir)),
    dashboardDir: findDashboardDir(e.DASHBOARD_DIR, cwd),
    cvDir: resolve(cwd, e.CV_DIR),
    rateLimit: e.RATE_LIMIT,
    rateLimitWrites: e.RATE_LIMIT_WRITES,
    defaultSource: e.SEARCH_SOURCE,
    demoBoardPort: e.DEMO_BOARD_PORT,
    runStaleMinutes: e.RUN_STALE_MINUTES,
    schedulerTickMs: e.SCHEDULER_TICK_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    alerts: alertConfig(e),
    trustProxy: e.TRUST_PROXY,
    cwd,
    core,
  };
  return { ...config, ...definedOnly(options.overrides ?? {}) };
}

/** A complete config for tests and embedding, without reading the environment. */
export function apiConfig(overrides: Partial<ApiConfig> = {}): ApiConfig {
  return { ...loadApiConfig({ env: {}, cwd: overrides.cwd ?? process.cwd() }), ...definedOnly(overrides) };
}

function alertConfig(e: z.infer<typeof ApiEnvSchema>): AlertConfig {
  const email = {
    ALERT_SMTP_URL: e.ALERT_SMTP_URL,
    ALERT_EMAIL_FROM: e.ALERT_EMAIL_FROM,
    ALERT_EMAIL_TO: e.ALERT_EMAIL_TO,
  };
  const missing = Object.entries(email).filter(([, value]) => value === undefined);
  if (missing.length > 0 && missing.length < 3)
    throw new JobSearchError(
      'INVALID_INPUT',
      `Invalid environment: email alerts need ALERT_SMTP_URL, ALERT_EMAIL_FROM and ALERT_EMAIL_TO together; ${missing.map(([name]) => name).join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing.`,
    );
  return {
    webhookUrl: e.ALERT_WEBHOOK_URL,
    email:
      e.ALERT_SMTP_URL && e.ALERT_EMAIL_FROM && e.ALERT_EMAIL_TO
        ? { smtpUrl: e.ALERT_SMTP_URL, from: e.ALERT_EMAIL_FROM, to: splitList(e.ALERT_EMAIL_TO) }
        : undefined,
    minScore: e.ALERT_MIN_SCORE,
    delivery: e.ALERT_DELIVERY,
    digestTime: e.ALERT_DIGEST_TIME,
    timeZone: e.ALERT_TIME_ZONE,
    dispatchMs: e.ALERT_DISPATCH_MS,
    maxAttempts: e.ALERT_MAX_ATTEMPTS,
  };
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * DASHBOARD_DIR when given (it must exist), else the first built dashboard found: in the working
 * directory's checkout, beside this package in the monorepo, or bundled into the package's
 * dist/dashboard by its build (what an installed package serves).
 */
function findDashboardDir(configured: string | undefined, cwd: string): string | undefined {
  if (configured) {
    const dir = isAbsolute(configured) ? configured : resolve(cwd, configured);
    if (!existsSync(join(dir, 'index.html'))) {
      throw new JobSearchError(
        'INVALID_INPUT',
        `DASHBOARD_DIR ${dir} has no index.html: build the dashboard (pnpm --filter @jobsearchai/dashboard build) or unset DASHBOARD_DIR.`,
      );
    }
    return dir;
  }
  const candidates = [
    resolve(cwd, 'apps/dashboard/dist'),
    resolve(PACKAGE_ROOT, '../../apps/dashboard/dist'),
    resolve(PACKAGE_ROOT, 'dist/dashboard'),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

const LOOPBACK_HOSTS = new Set(['localhost', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}
