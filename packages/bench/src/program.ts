import { resolve } from 'node:path';
import { DEFAULT_MODEL } from '@jobsearchai/core';
import { CliExit, EXIT_FAILED, EXIT_OK, EXIT_USAGE, setUpProgram, wholeNumber } from '@jobsearchai/core/cli';
import { Command, InvalidArgumentError, Option } from 'commander';
import { benchDedup, SCENARIOS } from './dedup/dedup-bench.js';
import type { ScenarioName } from './dedup/dedup-types.js';
import { benchMigrate } from './migrate/migrate-bench.js';
import { DEFAULT_POSTGRES_URL } from './query/postgres-database.js';
import { benchQuery } from './query/query-bench.js';
import { runAll } from './run-all.js';
import { benchSoak } from './soak/soak-bench.js';
import { benchUndo } from './undo/undo-bench.js';
import { allSummary, dedupSummary, migrateSummary, querySummary, soakSummary } from './text-summary.js';
import { undoSummary } from './undo/undo-summary.js';
import { silentProgress, stderrProgress, type Progress } from './util/progress.js';
import packageJson from '../package.json' with { type: 'json' };

export interface Io {
  stdout: (text: string) => void;
  argv: readonly string[];
}

function share(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError('must be a number from 0 to 1 (0.05 = 5 %).');
  return n;
}

function sizeList(value: string): number[] {
  const sizes = value.split(',').map((part) => {
    const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(part.trim());
    if (!match) throw new InvalidArgumentError(`"${part}" is not a size (e.g. 10000, 100k, 1M).`);
    const factor = match[2]!.toLowerCase() === 'k' ? 1_000 : match[2]!.toLowerCase() === 'm' ? 1_000_000 : 1;
    return Math.round(Number(match[1]) * factor);
  });
  if (sizes.some((n) => n < 100)) throw new InvalidArgumentError('every size must be at least 100 rows.');
  return sizes;
}

function scenarioList(value: string): ScenarioName[] {
  const names = value.split(',').map((s) => s.trim());
  for (const name of names)
    if (!SCENARIOS.includes(name as ScenarioName))
      throw new InvalidArgumentError(`unknown scenario "${name}" (one of ${SCENARIOS.join(', ')}).`);
  return names as ScenarioName[];
}

function print(io: Io, json: boolean, result: unknown, text: string): void {
  io.stdout(json ? `${JSON.stringify(result, null, 2)}\n` : `${text}\n`);
}

function progressFor(quiet: boolean | undefined): Progress {
  return quiet ? silentProgress : stderrProgress();
}

export function program(io: Io): Command {
  const cli = setUpProgram(new Command('jobsearch-bench'), packageJson.version).description(
    "Benchmarks that prove JobSearchAI's deduplication savings and speed, beside the legacy behaviour and raw SQLite.",
  );

  cli
    .command('dedup')
    .description(
      'legacy baseline vs pipeline on the demo board and the LLM stub: LLM calls, pages, tokens, cost, wall time',
    )
    .addOption(new Option('--pages <n>', 'max pages per run').default(10).argParser(wholeNumber(1, 50)))
    .addOption(new Option('--per-page <n>', 'postings per results page').default(10).argParser(wholeNumber(1, 100)))
    .addOption(
      new Option('--new-share <0-1>', 'share of new postings on the repeat run').default(0.05).argParser(share),
    )
    .addOption(new Option('--scenarios <list>', `comma-separated: ${SCENARIOS.join(', ')}`).argParser(scenarioList))
    .addOption(new Option('--model <model>', 'model name sent to the stub and priced').default(DEFAULT_MODEL))
    .addOption(
      new Option('--concurrency <n>', 'evaluations at a time, both arms').default(4).argParser(wholeNumber(1, 64)),
    )
    .addOption(
      new Option('--llm-latency-ms <ms>', 'delay of every stub answer').default(0).argParser(wholeNumber(0, 60_000)),
    )
    .addOption(
      new Option('--service-tier <tier>', "the pipeline's LLM processing tier (the legacy baseline's is default)")
        .choices(['default', 'flex'])
        .default('default'),
    )
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'no progress on stderr')
    .action(
      async (o: {
        pages: number;
        perPage: number;
        newShare: number;
        scenarios?: ScenarioName[];
        model: string;
        concurrency: number;
        llmLatencyMs: number;
        serviceTier: 'default' | 'flex';
        json?: boolean;
        quiet?: boolean;
      }) => {
        const result = await benchDedup(
          {
            pages: o.pages,
            postingsPerPage: o.perPage,
            newShare: o.newShare,
            model: o.model,
            concurrency: o.concurrency,
            llmLatencyMs: o.llmLatencyMs,
            serviceTier: o.serviceTier,
            ...(o.scenarios ? { scenarios: o.scenarios } : {}),
          },
          progressFor(o.quiet),
        );
        print(io, o.json ?? false, result, dedupSummary(result));
      },
    );

  cli
    .command('query')
    .description(
      'seed realistic rows, then p50/p95/p99 of the dedup lookups and the dashboard list: store vs raw better-sqlite3',
    )
    .addOption(
      new Option('--sizes <list>', 'data set sizes, e.g. 10k,100k,1M')
        .default([10_000, 100_000, 1_000_000], '10k,100k,1M')
        .argParser(sizeList),
    )
    .addOption(
      new Option('--iterations <n>', 'timed lookups per operation and size').default(5_000).argParser(wholeNumber(10)),
    )
    .addOption(
      new Option('--list-iterations <n>', 'timed list queries per operation and size')
        .default(2_000)
        .argParser(wholeNumber(10)),
    )
    .addOption(
      new Option('--sort-samples <n>', 'timed date-sorted lists per size').default(15).argParser(wholeNumber(1)),
    )
    .addOption(new Option('--chunk <n>', 'rows per bulk insert call').default(5_000).argParser(wholeNumber(1, 100_000)))
    .addOption(
      new Option('--raw-insert-rows <n>', 'rows for the raw insert comparison (0 = skip)').argParser(wholeNumber(0)),
    )
    .addOption(
      new Option(
        '--postgres [url]',
        `also measure PostgreSQL (server URL; creates and drops jobsearch_bench_<pid>_query)`,
      ).preset(DEFAULT_POSTGRES_URL),
    )
    .addOption(new Option('--postgres-rows <n>', 'rows on PostgreSQL').default(100_000).argParser(wholeNumber(100)))
    .option('--work-dir <dir>', 'folder for the SQLite file (default: a temp folder)')
    .option('--keep', 'keep the SQLite file (needs --work-dir)')
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'no progress on stderr')
    .action(
      async (o: {
        sizes: number[];
        iterations: number;
        listIterations: number;
        sortSamples: number;
        chunk: number;
        rawInsertRows?: number;
        postgres?: string;
        postgresRows: number;
        workDir?: string;
        keep?: boolean;
        json?: boolean;
        quiet?: boolean;
      }) => {
        const result = await benchQuery(
          {
            sizes: o.sizes,
            iterations: o.iterations,
            listIterations: o.listIterations,
            sortSamples: o.sortSamples,
            chunkRows: o.chunk,
            ...(o.rawInsertRows === undefined ? {} : { rawInsertRows: o.rawInsertRows }),
            ...(o.postgres ? { postgresUrl: o.postgres, postgresRows: o.postgresRows } : {}),
            ...(o.workDir ? { workDir: o.workDir, keepDatabase: o.keep ?? false } : {}),
          },
          progressFor(o.quiet),
        );
        print(io, o.json ?? false, result, querySummary(result));
      },
    );

  cli
    .command('migrate')
    .description(
      'generate legacy JSON files; time jobsearch-migrate end to end and the core import path beside a raw insert loop',
    )
    .addOption(new Option('--records <n>', 'legacy records to generate').default(20_000).argParser(wholeNumber(1)))
    .addOption(new Option('--per-file <n>', 'records per legacy file').default(100).argParser(wholeNumber(1)))
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'no progress on stderr')
    .action(async (o: { records: number; perFile: number; json?: boolean; quiet?: boolean }) => {
      const result = await benchMigrate({ records: o.records, recordsPerFile: o.perFile }, progressFor(o.quiet));
      print(io, o.json ?? false, result, migrateSummary(result));
    });

  cli
    .command('undo')
    .description(
      'time jobsearch-migrate undo of one imported file (created rows removed, forced updates restored) beside a plain DELETE of the same rows',
    )
    .addOption(
      new Option('--rows <n>', 'legacy records in the imported file').default(10_000).argParser(wholeNumber(100)),
    )
    .addOption(new Option('--repeats <n>', 'timed rounds (median reported)').default(3).argParser(wholeNumber(1, 50)))
    .addOption(
      new Option(
        '--postgres [url]',
        'also measure PostgreSQL (server URL; creates and drops jobsearch_bench_<pid>_undo)',
      ).preset(DEFAULT_POSTGRES_URL),
    )
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'no progress on stderr')
    .action(async (o: { rows: number; repeats: number; postgres?: string; json?: boolean; quiet?: boolean }) => {
      const result = await benchUndo(
        { rows: o.rows, repeats: o.repeats, ...(o.postgres ? { postgresUrl: o.postgres } : {}) },
        progressFor(o.quiet),
      );
      print(io, o.json ?? false, result, undoSummary(result));
      if (!result.target.pass)
        throw new CliExit(EXIT_FAILED, `undo: slower than the target of ${result.target.maxMs} ms.`);
    });

  cli
    .command('copy')
    .description(
      'seed SQLite with the realistic data set; time jobsearch-migrate copy to PostgreSQL and its parity check beside a plain COPY',
    )
    .addOption(
      new Option('--rows <n>', 'job_matches rows in the source').default(1_000_000).argParser(wholeNumber(100)),
    )
    .addOption(
      new Option('--postgres <url>', 'PostgreSQL server (creates and drops jobsearch_bench_<pid>_copy*)').default(
        DEFAULT_POSTGRES_URL,
      ),
    )
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'no progress on stderr')
    .action(async (o: { rows: number; postgres: string; json?: boolean; quiet?: boolean }) => {
      const { benchCopy, copySummary } = await import('./copy/copy-bench.js');
      const result = await benchCopy({ rows: o.rows, postgresUrl: o.postgres }, progressFor(o.quiet));
      print(io, o.json ?? false, result, copySummary(result));
      if (!result.targets.copy.pass || !result.targets.parity.pass)
        throw new CliExit(EXIT_FAILED, 'copy: a target was missed.');
    });

  cli
    .command('soak')
    .description('start the built API on a seeded database and drive it with concurrent clients (autocannon)')
    .addOption(new Option('--rows <n>', 'rows in the database').default(100_000).argParser(wholeNumber(100)))
    .addOption(new Option('--duration <s>', 'seconds of load').default(60).argParser(wholeNumber(1)))
    .addOption(new Option('--connections <n>', 'concurrent clients').default(20).argParser(wholeNumber(1, 1000)))
    .addOption(new Option('--log-level <level>', "the server's LOG_LEVEL").default('warn'))
    .option(
      '--work-dir <dir>',
      'folder for soak.db (replaced at the start, kept afterwards) so jobsearch-monitor can watch the run; default a temp folder, removed',
    )
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'no progress on stderr')
    .action(
      async (o: {
        rows: number;
        duration: number;
        connections: number;
        logLevel: string;
        workDir?: string;
        json?: boolean;
        quiet?: boolean;
      }) => {
        const result = await benchSoak(
          {
            rows: o.rows,
            durationSeconds: o.duration,
            connections: o.connections,
            logLevel: o.logLevel,
            ...(o.workDir ? { workDir: resolve(o.workDir) } : {}),
          },
          progressFor(o.quiet),
        );
        if ('skipped' in result) throw new CliExit(EXIT_USAGE, `soak: ${result.skipped}`);
        print(io, o.json ?? false, result, soakSummary(result));
      },
    );

  cli
    .command('all')
    .description(
      'every benchmark, then benchmarks/results_YYYYMMDD.json and .md with the targets marked and a comparison with the previous file',
    )
    .option('--quick', 'small sizes for CI (under 3 minutes)')
    .option(
      '--out <dir>',
      'folder for the results files (default: <repo>/benchmarks; ./benchmarks for an installed bench)',
    )
    .option('--no-write', 'write no files')
    .option('--compare <file>', 'results file to compare with (default: the newest earlier one of the same mode)')
    .addOption(new Option('--terms <n>', 'search terms in the cost schedule').default(3).argParser(wholeNumber(1)))
    .addOption(
      new Option('--runs-per-day <n>', 'runs per term and day in the cost schedule')
        .default(2)
        .argParser(wholeNumber(1)),
    )
    .addOption(
      new Option('--postgres <url>', 'PostgreSQL server for the query benchmark (full runs default to the local one)'),
    )
    .option('--no-postgres', 'skip PostgreSQL')
    .addOption(
      new Option('--skip <list>', 'comma-separated: migrate, soak').argParser(
        (v) => v.split(',').map((s) => s.trim()) as Array<'migrate' | 'soak'>,
      ),
    )
    .option('--json', 'print the results as JSON')
    .option('--quiet', 'no progress on stderr')
    .action(
      async (o: {
        quick?: boolean;
        out?: string;
        write: boolean;
        compare?: string;
        terms: number;
        runsPerDay: number;
        postgres?: string | false;
        skip?: Array<'migrate' | 'soak'>;
        json?: boolean;
        quiet?: boolean;
      }) => {
        const { results, files } = await runAll(
          {
            quick: o.quick ?? false,
            write: o.write,
            schedule: { searchTerms: o.terms, runsPerDay: o.runsPerDay },
            command: ['jobsearch-bench', ...io.argv].join(' '),
            ...(o.out ? { outDir: o.out } : {}),
            ...(o.compare ? { compareWith: o.compare } : {}),
            ...(o.postgres === false ? { noPostgres: true } : o.postgres ? { postgresUrl: o.postgres } : {}),
            ...(o.skip ? { skip: o.skip } : {}),
          },
          progressFor(o.quiet),
        );
        print(io, o.json ?? false, results, allSummary(results, files));
        // A quick run (CI, any machine) gates on the seed targets only; a full run on every target.
        const missed = results.targets.filter((t) => t.pass === false && (t.seed || results.mode === 'full'));
        if (missed.length > 0)
          throw new CliExit(EXIT_FAILED, `${missed.length} target(s) missed: ${missed.map((t) => t.id).join(', ')}`);
      },
    );

  return cli;
}

/** The bin's program: errors (a missed target too) go to the shared top-level catch in cli.ts. */
export async function main(argv: readonly string[]): Promise<number> {
  await program({ stdout: (text) => void process.stdout.write(text), argv: argv.slice(2) }).parseAsync(argv);
  return EXIT_OK;
}
