import { createLogger, JobSearchError } from '@jobsearchai/core';
import { openStore, type Store } from '@jobsearchai/core/store';
import { createApp } from '../app.js';
import type { CommandEnv } from '../cli/command-env.js';
import { loadApiConfig } from '../config.js';
import { AlertDispatcher } from '../alerts/alert-dispatcher.js';
import { Scheduler } from '../schedules/scheduler.js';
import { JobSources, startOrJoinDemoBoard, type DemoBoardHandle } from '../searches/job-sources.js';
import { assertSafeBinding, startServer } from '../server.js';
import { seedDemoData } from './demo-data.js';

export interface ServeOptions {
  port?: number;
  host?: string;
  db?: string;
  /** Create or upgrade the schema before serving. */
  init: boolean;
  /** Initialise, start the bundled demo board, add demo data to an empty database. */
  demo: boolean;
  /** The demo board's port (overrides DEMO_BOARD_PORT, default 3001). */
  demoPort?: number;
}

export interface RunningApi {
  url: string;
  /** Graceful shutdown, then the demo board and the store are closed. */
  close(): Promise<void>;
}

/**
 * Opens the database and serves the API (and the dashboard when built). Without --init the
 * schema is not changed: a schema that is behind keeps /api/ready at 503 until someone migrates.
 */
export async function serveCommand(options: ServeOptions, io: CommandEnv): Promise<RunningApi> {
  const config = loadApiConfig({
    env: io.env,
    cwd: io.cwd,
    overrides: { port: options.port, host: options.host, databaseUrl: options.db, demoBoardPort: options.demoPort },
  });
  if (options.demo) config.defaultSource = 'demo';
  // The board starts first and would take the port the API then fails to get.
  if (options.demo && config.demoBoardPort !== 0 && config.demoBoardPort === config.port)
    throw new JobSearchError(
      'INVALID_INPUT',
      `The API and the demo job board cannot share port ${config.port}: give one of them another port (--port, --demo-port).`,
    );
  assertSafeBinding(config);
  const logger = createLogger({ name: 'api', level: config.core.LOG_LEVEL ?? 'info', logDir: config.core.LOG_DIR });
  const initialise = options.init || options.demo;
  const store = await openStore({ url: config.databaseUrl, cwd: io.cwd, create: initialise, migrate: initialise });
  let demo: DemoBoardHandle | undefined;
  try {
    const status = await store.schemaStatus();
    if (!status.current)
      logger.warn(
        { pending: status.pending },
        'the database schema is not current: /api/ready answers 503 until `jobsearch-migrate init` runs',
      );
    if (options.demo) {
      demo = await startOrJoinDemoBoard(config.demoBoardPort);
      io.stderr.write(`Demo job board at ${demo.url}; preparing demo data…\n`);
      await seedDemoData(store, demo, logger);
    }
    const sources = new JobSources({ demoBoard: demo, demoBoardPort: config.demoBoardPort });
    const app = createApp({ store, config, logger, sources });
    const server = await startServer(app, config, logger);
    const scheduler =
      config.schedulerTickMs > 0
        ? new Scheduler({
            store,
            searches: app.context.searches,
            logger,
            tickMs: config.schedulerTickMs,
            source: config.defaultSource,
          })
        : undefined;
    scheduler?.start();
    const alerts = new AlertDispatcher({ store, config: config.alerts, logger });
    alerts.start();
    io.stdout.write(
      `JobSearchAI API listening on ${server.url}${config.dashboardDir ? ` (dashboard at ${server.url}/)` : ''}\n`,
    );
    if (!config.dashboardDir)
      io.stderr.write(
        'No dashboard: neither this package (dist/dashboard) nor apps/dashboard/dist holds a built dashboard, so only the API is served; reinstall @jobsearchai/api, or in a checkout run `pnpm exec turbo run build`, or set DASHBOARD_DIR.\n',
      );
    return {
      url: server.url,
      close: async () => {
        // First: no scheduled start may begin while the server interrupts its runs.
        await scheduler?.stop();
        await server.close();
        await alerts.stop();
        await sources.close();
        await closeAll(store, demo);
      },
    };
  } catch (error) {
    await closeAll(store, demo);
    throw error;
  }
}

async function closeAll(store: Store, demo: DemoBoardHandle | undefined): Promise<void> {
  await demo?.board?.close().catch(() => undefined);
  await store.close();
}
