import { closeLogger, createLogger, errorMessage, type Logger } from '@jobsearchai/core';
import { MonitorAgent } from '../agent/monitor-agent.js';
import { startMetricsServer, type MetricsServer } from '../agent/metrics-server.js';
import type { HealthSnapshot } from '../collect/types.js';
import { resolveMonitorSettings, type MonitorFlags, type MonitorSettings } from '../config/monitor-settings.js';
import { formatSnapshot } from './format-snapshot.js';

export interface MonitorOptions extends MonitorFlags {
  /** Collect once, print the snapshot, exit 0 (healthy) or 1 (alerts firing). */
  once?: boolean;
  /** Serve `/metrics` and `/health` on this port (0 picks a free one). */
  port?: number;
  host?: string;
  /** Print the JSON snapshot instead of the text report. */
  json?: boolean;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdout?: (text: string) => void;
  /** Ends the loop (SIGTERM/SIGINT in the CLI). */
  signal?: AbortSignal;
  now?: () => Date;
  fetch?: typeof fetch;
  /** Tests pass a logger; the CLI builds one from the settings. */
  logger?: Logger;
  /** Called once the metrics server listens (tests, and the CLI's startup line). */
  onListening?: (url: string) => void;
  /** Called after every tick of the loop. */
  onTick?: (snapshot: HealthSnapshot) => void;
}

export interface MonitorResult {
  exitCode: 0 | 1;
  snapshot: HealthSnapshot | null;
}

/**
 * `jobsearch-monitor`: with `once`, one tick and a report; otherwise a tick every interval until
 * the signal aborts, with `/metrics` served when a port is given. Usage errors throw
 * JobSearchError('INVALID_INPUT') before anything runs.
 */
export async function monitor(options: MonitorOptions = {}): Promise<MonitorResult> {
  const settings = resolveMonitorSettings(options, options.env, options.cwd);
  const ownLogger = !options.logger;
  const logger =
    options.logger ??
    createLogger({
      name: 'monitor',
      level: settings.logLevel,
      ...(settings.logDir ? { logDir: settings.logDir } : {}),
    });
  const agent = new MonitorAgent({
    settings,
    logger,
    ...(options.now ? { now: options.now } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const stdout = options.stdout ?? ((text: string) => void process.stdout.write(text));
  try {
    if (options.once) {
      const { snapshot } = await agent.tick();
      stdout(options.json ? `${JSON.stringify(snapshot, null, 2)}\n` : formatSnapshot(snapshot));
      return { exitCode: snapshot.status === 'ok' ? 0 : 1, snapshot };
    }
    return await runLoop(agent, settings, options, logger);
  } finally {
    await agent.close();
    if (ownLogger) await closeLogger(logger);
  }
}

async function runLoop(
  agent: MonitorAgent,
  settings: MonitorSettings,
  options: MonitorOptions,
  logger: Logger,
): Promise<MonitorResult> {
  let server: MetricsServer | null = null;
  if (options.port !== undefined) {
    server = await startMetricsServer({
      port: options.port,
      host: options.host ?? '127.0.0.1',
      registry: agent.metrics.registry,
      health: () => agent.lastSnapshot,
      logger,
    });
    options.onListening?.(server.url);
  }
  logger.info(
    { intervalSeconds: settings.intervalSeconds, metrics: server?.url ?? null, stateFile: settings.stateFile },
    'monitor started',
  );
  const signal = options.signal;
  try {
    while (!signal?.aborted) {
      try {
        const { snapshot } = await agent.tick();
        options.onTick?.(snapshot);
      } catch (error) {
        // Ticks report problems as alerts; anything else is a bug, logged, and the loop goes on.
        logger.error({ error: errorMessage(error) }, 'monitor tick failed');
      }
      await sleepUnlessAborted(settings.intervalSeconds * 1000, signal);
    }
  } finally {
    await server?.close();
    logger.info('monitor stopped');
  }
  return { exitCode: 0, snapshot: agent.lastSnapshot };
}

function sleepUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
