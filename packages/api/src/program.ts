import { EXIT_OK, portNumber, setUpProgram, wholeNumber } from '@jobsearchai/core/cli';
import { Command, Option } from 'commander';
import { API_VERSION } from './app.js';
import type { CommandEnv } from './cli/command-env.js';
import { searchCommand } from './commands/search.js';
import { serveCommand } from './commands/serve.js';
import { smokeCommand } from './commands/smoke.js';

/** Resolves at the first SIGTERM or SIGINT; a second one ends the process at once. */
function untilSignal(io: CommandEnv): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      const force = () => {
        io.stderr.write('Second signal: exiting without waiting.\n');
        process.exit(1);
      };
      process.once('SIGTERM', force);
      process.once('SIGINT', force);
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

/**
 * `jobsearch-api`: parses argv and runs one command; resolves to its exit code. Errors go to the
 * shared top-level catch (`runCli` in the bin file), which maps them to exit codes.
 */
export async function main(argv: readonly string[]): Promise<number> {
  // biome-ignore lint/style/noProcessEnv: the process boundary hands its environment to the commands, whose config modules read it.
  const io: CommandEnv = { env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr };
  let exitCode = EXIT_OK;

  const cli = setUpProgram(new Command('jobsearch-api'), API_VERSION).description(
    'JobSearchAI REST API, dashboard host and search runner.',
  );

  cli
    .command('serve')
    .description('Serve the API (and the dashboard when built) until SIGTERM/SIGINT.')
    .addOption(new Option('--port <port>', 'port to listen on (env PORT, default 3000)').argParser(portNumber))
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1; other addresses need API_TOKEN)')
    .option('--db <url>', 'database: file:/path/x.db, a path, or postgresql://… (env DATABASE_URL)')
    .option('--init', 'create or upgrade the database schema first', false)
    .option(
      '--demo',
      'initialise, start the bundled demo job board on a second port, 127.0.0.1:3001 unless --demo-port says otherwise, and add demo data to an empty database',
      false,
    )
    .addOption(
      new Option(
        '--demo-port <port>',
        "the demo job board's port with --demo (env DEMO_BOARD_PORT, default 3001)",
      ).argParser(portNumber),
    )
    .action(
      async (options: {
        port?: number;
        host?: string;
        db?: string;
        init: boolean;
        demo: boolean;
        demoPort?: number;
      }) => {
        const running = await serveCommand(options, io);
        const signal = await untilSignal(io);
        io.stderr.write(`${signal}: shutting down…\n`);
        await running.close();
      },
    );

  cli
    .command('search')
    .description(
      'Run one search now (for cron) and print its counters. Exit 0 completed, 1 failed or interrupted, 2 usage.',
    )
    .requiredOption('--search-term <term>', "the board's search term, e.g. IT")
    .requiredOption('--cv <path>', 'the CV file (PDF, Markdown or text)')
    .addOption(new Option('--max-pages <n>', 'most results pages to scrape').default(10).argParser(wholeNumber(1, 50)))
    .addOption(
      new Option(
        '--llm-call-budget <n>',
        'most postings to send to the LLM in this search (the run then stops: budget_exhausted); default no limit',
      ).argParser(wholeNumber(1, 10_000)),
    )
    .option('--source <source>', 'demo, ostjob or a JSON file describing a board', 'ostjob')
    .option('--db <url>', 'database URL or path (env DATABASE_URL)')
    .addOption(
      new Option('--service-tier <tier>', 'LLM processing tier for this search (env OPENAI_SERVICE_TIER)').choices([
        'default',
        'flex',
      ]),
    )
    .option('--json', 'print the run as JSON', false)
    .action(
      async (options: {
        searchTerm: string;
        cv: string;
        maxPages: number;
        llmCallBudget?: number;
        source: string;
        db?: string;
        serviceTier?: 'default' | 'flex';
        json: boolean;
      }) => {
        const controller = new AbortController();
        void untilSignal(io).then((signal) => {
          io.stderr.write(`${signal}: interrupting the search…\n`);
          controller.abort();
        });
        ({ exitCode } = await searchCommand({ ...options, signal: controller.signal }, io));
      },
    );

  cli
    .command('smoke')
    .description('Check a running API: health, ready, matches, stats, metrics. Exit 1 if any check fails.')
    .requiredOption('--url <url>', 'base URL of the API, e.g. http://127.0.0.1:3000')
    .addOption(new Option('--timeout <ms>', 'per check').default(5000).argParser(wholeNumber(1, 600_000)))
    .option('--json', 'print the results as JSON', false)
    .action(async (options: { url: string; timeout: number; json: boolean }) => {
      ({ exitCode } = await smokeCommand({ url: options.url, timeoutMs: options.timeout, json: options.json }, io));
    });

  await cli.parseAsync(argv);
  return exitCode;
}
