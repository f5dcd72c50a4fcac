import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { benchDedup } from './dedup/dedup-bench.js';
import type { DedupOptions } from './dedup/dedup-types.js';
import { benchMigrate } from './migrate/migrate-bench.js';
import type { MigrateBenchOptions } from './migrate/migrate-types.js';
import { DEFAULT_POSTGRES_URL } from './query/postgres-database.js';
import { benchQuery } from './query/query-bench.js';
import type { QueryOptions } from './query/query-types.js';
import { compareHeadlines } from './report/compare.js';
import { costSavings, DEFAULT_SCHEDULE, type Schedule } from './report/cost-savings.js';
import { headlineOf } from './report/headline.js';
import { resultsMarkdown } from './report/markdown.js';
import { previousResultsFile, readResults, resultsFileName, writeResults } from './report/results-file.js';
import type { BenchResults } from './report/results-types.js';
import { checkTargets } from './report/targets.js';
import { benchSoak } from './soak/soak-bench.js';
import type { SoakOptions } from './soak/soak-types.js';
import { machineInfo } from './util/machine.js';
import { silentProgress, type Progress } from './util/progress.js';
import { join } from 'node:path';
import { findRepoRoot } from './util/package-bins.js';

export interface AllOptions {
  /** Small sizes for CI (< 3 minutes on 2 cores). */
  quick?: boolean;
  /** Where results files go (default <repo>/benchmarks, or ./benchmarks for an installed bench); write: false writes nothing. */
  outDir?: string;
  write?: boolean;
  repoRoot?: string;
  /** Compare with this results file instead of the newest earlier one of the same mode. */
  compareWith?: string;
  schedule?: Partial<Schedule>;
  /** Server for the PostgreSQL query benchmark; full runs default to the local one, quick runs skip it without this. */
  postgresUrl?: string;
  noPostgres?: boolean;
  skip?: Array<'migrate' | 'soak'>;
  /** Recorded in the results so the run can be repeated. */
  command?: string;
  now?: Date;
}

export interface AllResult {
  results: BenchResults;
  files: { json: string; markdown: string } | null;
}

/** Sizes for a 2-core machine: the full run takes ~15–25 minutes, mostly seeding 1 M rows and migrating 100 k records. */
export function plannedSizes(
  quick: boolean,
  postgresRows: number,
): { dedup: DedupOptions; query: QueryOptions; migrate: MigrateBenchOptions; soak: SoakOptions } {
  return quick
    ? {
        dedup: { pages: 10, postingsPerPage: 10, newShare: 0.05, llmLatencyMs: 0 },
        query: {
          sizes: [10_000],
          iterations: 1_000,
          listIterations: 300,
          sortSamples: 10,
          rawInsertRows: 10_000,
          postgresRows,
        },
        migrate: { records: 5_000 },
        soak: { rows: 10_000, durationSeconds: 10, probeRequests: 50 },
      }
    : {
        // A stub latency close to a small model's keeps the wall times meaningful.
        dedup: { pages: 10, postingsPerPage: 10, newShare: 0.05, llmLatencyMs: 300 },
        query: {
          sizes: [10_000, 100_000, 1_000_000],
          iterations: 5_000,
          listIterations: 2_000,
          sortSamples: 15,
          rawInsertRows: 100_000,
          postgresRows,
        },
        migrate: { records: 100_000 },
        soak: { rows: 100_000, durationSeconds: 60, probeRequests: 200 },
      };
}

export async function runAll(options: AllOptions = {}, progress: Progress = silentProgress): Promise<AllResult> {
  const mode = options.quick ? 'quick' : 'full';
  const started = options.now ?? new Date();
  const startedMs = performance.now();
  const loadAtStart = loadavg();
  const repoRoot = options.repoRoot ?? findRepoRoot() ?? process.cwd();
  const postgresUrl = options.noPostgres
    ? undefined
    : (options.postgresUrl ?? (options.quick ? undefined : DEFAULT_POSTGRES_URL));
  const sizes = plannedSizes(mode === 'quick', postgresUrl ? (options.quick ? 5_000 : 100_000) : 0);
  const skip = new Set(options.skip ?? []);

  progress(`all (${mode}): dedup`);
  const dedup = await benchDedup(sizes.dedup, progress);
  progress(`all (${mode}): query`);
  const query = await benchQuery({ ...sizes.query, ...(postgresUrl ? { postgresUrl } : {}) }, progress);
  progress(`all (${mode}): migrate`);
  const migrate = skip.has('migrate') ? { skipped: 'skipped by --skip' } : await benchMigrate(sizes.migrate, progress);
  progress(`all (${mode}): soak`);
  const soak = skip.has('soak') ? { skipped: 'skipped by --skip' } : await benchSoak(sizes.soak, progress);

  const savings = costSavings(dedup, { ...DEFAULT_SCHEDULE, ...options.schedule });
  const outDir = options.outDir ?? join(repoRoot, 'benchmarks');
  const fileName = resultsFileName(started, mode);
  const previousPath = options.compareWith ?? previousResultsFile(outDir, mode, fileName);
  const headline = headlineOf({ dedup, query, migrate, soak, costSavings: savings });
  const results: BenchResults = {
    kind: 'jobsearch-bench-results',
    version: 1,
    mode,
    startedAt: started.toISOString(),
    durationMs: Math.round(performance.now() - startedMs),
    command: options.command ?? `jobsearch-bench all${options.quick ? ' --quick' : ''}`,
    machine: { ...machineInfo(), loadAverageAtStart: loadAtStart.map(round2), loadAverageAtEnd: loadavg().map(round2) },
    git: gitState(repoRoot),
    dedup,
    query,
    migrate,
    soak,
    costSavings: savings,
    targets: checkTargets({ dedup, query, migrate, soak }),
    headline,
    comparison: previousPath
      ? { previousFile: previousPath, rows: compareHeadlines(readResults(previousPath).headline, headline) }
      : null,
  };
  const files = options.write === false ? null : writeResults(outDir, fileName, results, resultsMarkdown(results));
  if (files) progress(`all: wrote ${files.json} and ${files.markdown}`);
  return { results, files };
}

function gitState(repoRoot: string): BenchResults['git'] {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return { commit: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain').length > 0 };
  } catch {
    return { commit: null, dirty: null };
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
