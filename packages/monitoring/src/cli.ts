#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { errorMessage, isJobSearchError } from '@jobsearchai/core';
import { monitor } from './commands/monitor.js';

/** Exit codes: 0 healthy (or stopped cleanly), 1 alerts firing (`--once`), 2 usage or environment error. */
const EXIT_USAGE = 2;

function integer(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('jobsearch-monitor')
    .description('Collect JobSearchAI health from the database, expose Prometheus metrics and send alerts.')
    .option('--db <url>', 'database: file:path/to.db or postgresql://… (default: config, DATABASE_URL, instance/jobsearchai.db)')
    .option('--config <file>', 'monitoring.json with alert rules, webhook and paths')
    .option('--interval <seconds>', 'seconds between ticks (default 300)', integer(5, 86_400))
    .option('--once', 'collect once, print the health report and exit: 0 healthy, 1 alerts firing')
    .option('--json', 'with --once: print the JSON health snapshot')
    .option('--port <port>', 'serve /metrics and /health on this port', integer(0, 65_535))
    .option('--host <host>', 'address for --port', '127.0.0.1')
    .option('--log-dir <dir>', 'write rotated JSON logs here (default: config, LOG_DIR, stderr)')
    .option('--state-file <file>', 'where alert state and size samples are kept (default: next to the config, else the log dir)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  try {
    program.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    throw error;
  }
  const opts = program.opts<{ db?: string; config?: string; interval?: number; once?: boolean; json?: boolean; port?: number; host: string; logDir?: string; stateFile?: string }>();
  if (opts.json && !opts.once) {
    process.stderr.write('jobsearch-monitor: --json needs --once (the loop serves JSON at /health with --port)\n');
    return EXIT_USAGE;
  }
  if (opts.once && opts.port !== undefined) {
    process.stderr.write('jobsearch-monitor: --port serves metrics while the agent runs; it cannot be combined with --once\n');
    return EXIT_USAGE;
  }

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

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = isJobSearchError(error, 'INVALID_INPUT');
    process.stderr.write(`jobsearch-monitor: ${usage ? '' : 'error: '}${errorMessage(error)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
