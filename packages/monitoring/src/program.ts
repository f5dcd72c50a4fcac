import { CliExit, EXIT_USAGE, portNumber, setUpProgram, wholeNumber } from '@jobsearchai/core/cli';
import { Command } from 'commander';
import { monitor } from './commands/monitor.js';
import packageJson from '../package.json' with { type: 'json' };

/**
 * `jobsearch-monitor`: parses argv and runs the agent; resolves to 0 (healthy, or stopped cleanly)
 * or 1 (alerts firing with `--once`). Usage errors are thrown to the shared top-level catch
 * (`runCli` in cli.ts), which exits 2.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = setUpProgram(new Command('jobsearch-monitor'), packageJson.version)
    .description('Collect JobSearchAI health from the database, expose Prometheus metrics and send alerts.')
    .option(
      '--db <url>',
      'database: file:path/to.db or postgresql://… (default: config, DATABASE_URL, instance/jobsearchai.db)',
    )
    .option('--config <file>', 'monitoring.json with alert rules, webhook and paths')
    .option('--interval <seconds>', 'seconds between ticks (default 300)', wholeNumber(5, 86_400))
    .option('--once', 'collect once, print the health report and exit: 0 healthy, 1 alerts firing')
    .option('--json', 'with --once: print the JSON health snapshot')
    .option('--port <port>', 'serve /metrics and /health on this port', portNumber)
    .option('--host <host>', 'address for --port', '127.0.0.1')
    .option('--log-dir <dir>', 'write rotated JSON logs here (default: config, LOG_DIR, stderr)')
    .option(
      '--state-file <file>',
      'where alert state and size samples are kept (default: one file per database next to the config, else in the log dir, else in $XDG_STATE_HOME/jobsearchai)',
    );

  program.parse(argv);
  const opts = program.opts<{
    db?: string;
    config?: string;
    interval?: number;
    once?: boolean;
    json?: boolean;
    port?: number;
    host: string;
    logDir?: string;
    stateFile?: string;
  }>();
  if (opts.json && !opts.once)
    throw new CliExit(EXIT_USAGE, '--json needs --once (the loop serves JSON at /health with --port)');
  if (opts.once && opts.port !== undefined)
    throw new CliExit(EXIT_USAGE, '--port serves metrics while the agent runs; it cannot be combined with --once');

  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  try {
    const result = await monitor({
      ...opts,
      signal: controller.signal,
      onListening: (url) => process.stderr.write(`jobsearch-monitor: metrics at ${url}/metrics\n`),
    });
    return result.exitCode;
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  }
}
