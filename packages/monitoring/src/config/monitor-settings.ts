import { dirname, join, resolve } from 'node:path';
import { JobSearchError, loadCoreEnv, resolveDatabaseUrl } from '@jobsearchai/core';
import { z } from 'zod';
import { databaseIdentity, stateFileName, stateHome } from './state-location.js';
import { loadMonitoringConfig, parseMonitoringConfig, type MonitoringConfig } from './monitoring-config.js';

/** What the command line may set; each flag wins over the config file, which wins over the environment. */
export interface MonitorFlags {
  db?: string;
  config?: string;
  interval?: number;
  logDir?: string;
  stateFile?: string;
}

/** Everything the agent needs, resolved once. */
export interface MonitorSettings {
  config: MonitoringConfig;
  /** As given to openStore (undefined: the embedded default). */
  databaseUrl: string | undefined;
  logDir: string | undefined;
  logLevel: string;
  stateFile: string;
  /** The watched database, without secrets (`databaseIdentity`): the state file is kept per database. */
  databaseIdentity: string;
  intervalSeconds: number;
  cwd: string;
  /** The LLM model searches use (OPENAI_MODEL), or null with the offline matcher (no OPENAI_API_KEY). */
  model: string | null;
}

const ZMonitorEnv = z.object({
  MONITOR_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
});

/** The monitoring agent's one place that reads the environment. */
export function resolveMonitorSettings(
  flags: MonitorFlags,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): MonitorSettings {
  const core = loadCoreEnv(env);
  const own = ZMonitorEnv.safeParse(env);
  if (!own.success) throw new JobSearchError('INVALID_INPUT', 'MONITOR_WEBHOOK_URL must be an http(s) URL.');
  const configPath = flags.config ? resolve(cwd, flags.config) : undefined;
  const loaded = configPath ? loadMonitoringConfig(configPath) : parseMonitoringConfig({});
  const config: MonitoringConfig = {
    ...loaded,
    backupDir: resolve(cwd, loaded.backupDir),
    alerts: {
      ...loaded.alerts,
      webhook: { ...loaded.alerts.webhook, url: loaded.alerts.webhook.url ?? own.data.MONITOR_WEBHOOK_URL },
    },
  };
  const databaseUrl = flags.db ?? config.database ?? core.DATABASE_URL;
  // Fails early, as a usage error, on a URL that openStore would reject.
  const identity = databaseIdentity(resolveDatabaseUrl(databaseUrl, cwd));
  const logDir = flags.logDir
    ? resolve(cwd, flags.logDir)
    : (config.logDir ?? (core.LOG_DIR ? resolve(cwd, core.LOG_DIR) : undefined));
  const stateFile = flags.stateFile
    ? resolve(cwd, flags.stateFile)
    : (config.stateFile ??
      join(configPath ? dirname(configPath) : (logDir ?? stateHome(env)), stateFileName(identity)));
  const intervalSeconds = flags.interval ?? config.intervalSeconds;
  if (!Number.isInteger(intervalSeconds) || intervalSeconds < 5 || intervalSeconds > 86_400) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `--interval must be a whole number of seconds between 5 and 86400, got ${flags.interval}.`,
    );
  }
  return {
    config,
    databaseUrl,
    logDir,
    logLevel: config.logLevel ?? core.LOG_LEVEL ?? 'info',
    stateFile,
    databaseIdentity: identity,
    intervalSeconds,
    cwd,
    model: core.OPENAI_API_KEY ? core.OPENAI_MODEL : null,
  };
}
