import { JobSearchError } from '../errors.js';
import {
  assertDifferent,
  type CopySource,
  type CopyTarget,
  display,
  inspectTarget,
  locate,
  openSource,
  openTarget,
  type TargetState,
} from './copy-endpoints.js';
import { checkParity, type ParityResult } from './parity.js';
import type { SequenceSet } from './table-writers.js';
import { assertSameTables } from './table-schema.js';
import type { Provider } from '../db/sql-driver.js';

export interface CopyOptions {
  /** Source and target: `file:…`, a path, or `postgresql://…`. */
  from: string;
  to: string;
  /** Base of relative SQLite paths. */
  cwd?: string;
  /** Plan only: tables, row counts, the target's state; nothing is written anywhere. */
  dryRun?: boolean;
  /** Empty the target's tables (every row, ids restarted) before copying into it. */
  force?: boolean;
  /** Rows per batch read from the source and written to the target. */
  batchRows?: number;
  /** Where a legacy source's temporary snapshot goes (default the OS temp folder). */
  snapshotDir?: string;
  progress?: CopyProgress;
}

/** Where the copy is: a phase over a known number of rows, then rows as they go. */
export interface CopyProgress {
  phase(phase: 'copy' | 'parity', totalRows: number): void;
  table(table: string, rows: number): void;
  rows(count: number): void;
}

export interface CopyTableResult {
  table: string;
  rows: number;
  durationMs: number;
}

export interface CopyResult {
  ok: boolean;
  dryRun: boolean;
  force: boolean;
  source: { provider: Provider; database: string; adopted: boolean };
  target: { provider: Provider; database: string; before: TargetState; emptied: boolean; migrationsApplied: string[] };
  /** Tables in copy order (parents first) with the source's row counts. */
  plan: { table: string; rows: number }[];
  tables: CopyTableResult[];
  sequences: SequenceSet[];
  totalRows: number;
  copyMs: number;
  rowsPerSecond: number;
  /** Null on a dry run. */
  parity: ParityResult | null;
}

const DEFAULT_BATCH_ROWS = 5_000;
const quiet: CopyProgress = { phase() {}, table() {}, rows() {} };

/**
 * Copies a whole installation between databases of either provider. The source is only read
 * (a legacy SQLite source is adopted in a temporary snapshot); the target's schema comes from
 * the migrator, then every table is written in one transaction, parents first, identity
 * sequences are set, and a parity check compares both sides table by table.
 */
export async function copyDatabase(options: CopyOptions): Promise<CopyResult> {
  const cwd = options.cwd ?? process.cwd();
  const from = locate(options.from, cwd, 'source');
  const to = locate(options.to, cwd, 'target');
  assertDifferent(from, to);
  const progress = options.progress ?? quiet;
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;

  const source = await openSource(from, { snapshotDir: options.snapshotDir });
  try {
    const plan: { table: string; rows: number }[] = [];
    for (const table of source.tables) plan.push({ table: table.name, rows: await source.reader.count(table) });
    const totalRows = plan.reduce((sum, entry) => sum + entry.rows, 0);
    const before = await inspectTarget(to);
    const result: CopyResult = {
      ok: true,
      dryRun: Boolean(options.dryRun),
      force: Boolean(options.force),
      source: { provider: source.provider, database: source.display, adopted: source.adopted },
      target: { provider: to.provider, database: display(to), before, emptied: false, migrationsApplied: [] },
      plan,
      tables: [],
      sequences: [],
      totalRows,
      copyMs: 0,
      rowsPerSecond: 0,
      parity: null,
    };
    if (before.totalRows > 0 && !options.force) {
      const holding = Object.entries(before.rows)
        .filter(([, rows]) => rows > 0)
        .map(([table, rows]) => `${table} ${rows}`)
        .join(', ');
      if (options.dryRun) return { ...result, ok: false };
      throw new JobSearchError(
        'CONFLICT',
        `--to: ${display(to)} is not empty (${holding}); nothing was copied. Choose an empty database, or pass --force to delete every row in the target first.`,
        { details: { rows: before.rows } },
      );
    }
    if (options.dryRun) return result;

    const target = await openTarget(to);
    try {
      assertSameTables(source.tables, target.tables);
      result.target.migrationsApplied = target.appliedMigrations;
      await copyRows(source, target, result, Boolean(options.force), batchRows, progress);
      progress.phase('parity', totalRows * 2);
      result.parity = await checkParity(source.reader, target.reader, source.tables, (rows) => progress.rows(rows));
      result.ok = result.parity.ok;
      return result;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

async function copyRows(
  source: CopySource,
  target: CopyTarget,
  result: CopyResult,
  force: boolean,
  batchRows: number,
  progress: CopyProgress,
): Promise<void> {
  const started = performance.now();
  progress.phase('copy', result.totalRows);
  await target.writer.begin();
  try {
    if (force) {
      await target.writer.empty(target.tables);
      result.target.emptied = result.target.before.totalRows > 0;
    }
    for (const table of source.tables) {
      const tableStarted = performance.now();
      progress.table(table.name, result.plan.find((entry) => entry.table === table.name)?.rows ?? 0);
      const rows = await target.writer.write(table, source.reader.batches(table, batchRows), (n) => progress.rows(n));
      result.tables.push({ table: table.name, rows, durationMs: Math.round(performance.now() - tableStarted) });
    }
    result.sequences = await target.writer.setSequences(target.tables);
    await target.writer.commit();
  } catch (error) {
    await target.writer.rollback();
    throw error;
  }
  result.copyMs = Math.round(performance.now() - started);
  result.rowsPerSecond = result.copyMs > 0 ? Math.round((result.totalRows / result.copyMs) * 1000) : result.totalRows;
}
