import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { JobSearchError, errorMessage } from '@jobsearchai/core';
import { z } from 'zod';

const Severity = z.enum(['warning', 'critical']);
const Hours = z.number().positive();
const Percent = z.number().min(0).max(100);

/** Every rule can be switched off, given a severity and its own repeat interval. */
function rule<T extends z.ZodRawShape>(shape: T, severity: 'warning' | 'critical') {
  return z
    .object({
      enabled: z.boolean().default(true),
      severity: Severity.default(severity),
      /** Resend a still-firing alert after this many minutes (default: alerts.repeatMinutes). */
      repeatMinutes: z.number().positive().optional(),
      ...shape,
    })
    .strict();
}

/**
 * `monitoring.json`. Defaults are SPEC §7's table plus the agent's own rules; unknown keys are
 * errors so that a typo does not silently disable a rule. Percentages are 0–100.
 */
export const ZMonitoringConfig = z
  .object({
    /** `file:…` or `postgresql://…`; default: DATABASE_URL, else instance/jobsearchai.db. */
    database: z.string().trim().min(1).optional(),
    intervalSeconds: z.number().int().min(5).max(86_400).default(300),
    logDir: z.string().trim().min(1).optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    /** Where `jobsearch-migrate backup` writes `jobsearchai_backup_YYYYMMDD_HHMMSS.db`. */
    backupDir: z.string().trim().min(1).default('backups'),
    /** Size samples and alert state between runs; default next to this file, else in the log directory. */
    stateFile: z.string().trim().min(1).optional(),
    /** Window of the daily figures (LLM calls, calls saved, duplicate rate, early exit, dedup reduction). */
    statsWindowHours: Hours.default(24),
    probe: z
      .object({
        /** Each probe query runs this many times; the p95 is reported. */
        repetitions: z.number().int().min(1).max(1000).default(20),
      })
      .strict()
      .prefault({}),
    alerts: z
      .object({
        repeatMinutes: z.number().positive().default(240),
        webhook: z
          .object({
            /** Slack-compatible incoming webhook (JSON with `text`); MONITOR_WEBHOOK_URL also sets it. */
            url: z.url({ protocol: /^https?$/ }).optional(),
            timeoutMs: z.number().int().min(100).max(60_000).default(5000),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    rules: z
      .object({
        databaseSize: rule({ maxMb: z.number().positive().default(1000) }, 'warning').prefault({}),
        slowQuery: rule({ p95Ms: z.number().positive().default(100) }, 'warning').prefault({}),
        errorsPerHour: rule({ max: z.number().int().min(0).default(10) }, 'warning').prefault({}),
        // db_locked events of any process (pipeline, API, CLIs) in the last hour: each one is a failed request or command.
        dbLocked: rule({ max: z.number().int().min(0).default(0) }, 'warning').prefault({}),
        errorRate: rule(
          { maxPercent: Percent.default(5), minOperations: z.number().int().min(1).default(20) },
          'warning',
        ).prefault({}),
        dedupReduction: rule(
          { minPercent: Percent.default(90), minPostings: z.number().int().min(1).default(20) },
          'warning',
        ).prefault({}),
        noEvaluation: rule({ hours: Hours.default(24) }, 'critical').prefault({}),
        llmErrorRatio: rule(
          {
            maxPercent: Percent.default(20),
            minCalls: z.number().int().min(1).default(10),
            windowHours: Hours.default(1),
          },
          'warning',
        ).prefault({}),
        diskFree: rule({ minPercent: Percent.default(10) }, 'critical').prefault({}),
        backupAge: rule({ maxHours: Hours.default(24) }, 'warning').prefault({}),
        // The configured LLM model is within `withinDays` of its announced shutdown, or past it.
        modelShutdown: rule({ withinDays: z.number().int().min(1).max(365).default(30) }, 'warning').prefault({}),
        connections: rule({ maxPercent: Percent.default(80) }, 'warning').prefault({}),
        // Match alerts (the API's outbox): any given up in the window, too many waiting, or one due for too long.
        alertDeliveries: rule(
          {
            maxFailed: z.number().int().min(0).default(0),
            failedWindowHours: Hours.default(24),
            maxWaiting: z.number().int().min(0).default(100),
            maxDueMinutes: z.number().positive().default(60),
          },
          'warning',
        ).prefault({}),
        collection: rule({}, 'critical').prefault({}),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type MonitoringConfig = z.infer<typeof ZMonitoringConfig>;
export type RulesConfig = MonitoringConfig['rules'];
export type RuleName = keyof RulesConfig;

/** Validates a parsed config object; `source` names it in error messages. */
export function parseMonitoringConfig(value: unknown, source = 'monitoring config'): MonitoringConfig {
  const parsed = ZMonitoringConfig.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new JobSearchError('INVALID_INPUT', `${source} is invalid: ${problems}.`);
  }
  return parsed.data;
}

/**
 * Reads `monitoring.json`. Relative paths inside it (database file, logDir, backupDir, stateFile)
 * are resolved against the file's own folder, so the agent behaves the same from any cwd.
 */
export function loadMonitoringConfig(path: string): MonitoringConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new JobSearchError('INVALID_INPUT', `Cannot read the config file ${path}: ${errorMessage(cause)}.`, {
      cause,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new JobSearchError('INVALID_INPUT', `The config file ${path} is not valid JSON: ${errorMessage(cause)}.`, {
      cause,
    });
  }
  const config = parseMonitoringConfig(json, `The config file ${path}`);
  const base = dirname(resolve(path));
  const at = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  return {
    ...config,
    ...(config.database ? { database: resolveDatabasePath(config.database, base) } : {}),
    ...(config.logDir ? { logDir: at(config.logDir) } : {}),
    backupDir: at(config.backupDir),
    ...(config.stateFile ? { stateFile: at(config.stateFile) } : {}),
  };
}

function resolveDatabasePath(database: string, base: string): string {
  if (/^postgres(ql)?:\/\//i.test(database)) return database;
  const path = database.replace(/^file:(\/\/)?/, '');
  return `file:${isAbsolute(path) ? path : resolve(base, path)}`;
}
