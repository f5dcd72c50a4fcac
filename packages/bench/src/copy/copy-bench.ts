import { statSync } from 'node:fs';
import { join } from 'node:path';
import { copyDatabase } from '@jobsearchai/core/copy';
import { openStore } from '@jobsearchai/core/store';
import { createScratchPostgres } from '../query/postgres-database.js';
import { seedStore } from '../query/seed-store.js';
import { silentProgress, throttled, type Progress } from '../util/progress.js';
import { makeTempDir } from '../util/temp-dir.js';
import type { CopyBenchOptions, CopyBenchResult } from './copy-types.js';
import { rawCopyMatches } from './raw-copy.js';

const MIN_ROWS_PER_SECOND = 10_000;
const MAX_PARITY_MS = 30_000;

/**
 * Times `jobsearch-migrate copy` SQLite → PostgreSQL on the query benchmark's realistic data set
 * (job_matches rows of ~2.3 KB, seeded through the store), with its parity check, beside a plain
 * COPY of the same rows into another fresh database.
 */
export async function benchCopy(
  options: CopyBenchOptions,
  progress: Progress = silentProgress,
): Promise<CopyBenchResult> {
  const rows = options.rows ?? 1_000_000;
  const temp = makeTempDir('copy');
  try {
    const sqlitePath = join(temp.path, 'source.db');
    progress(`copy: seeding SQLite with ${rows.toLocaleString('en-US')} rows through store.insertMatches`);
    const store = await openStore({ url: `file:${sqlitePath}`, migrate: true });
    let seeding: Awaited<ReturnType<typeof seedStore>>;
    try {
      seeding = await seedStore(store, 0, rows, options.chunkRows ?? 10_000, progress);
    } finally {
      await store.close();
    }

    const target = await createScratchPostgres(options.postgresUrl, 'copy');
    let copy: Awaited<ReturnType<typeof copyDatabase>>;
    try {
      progress('copy: jobsearch-migrate copy SQLite → PostgreSQL');
      const report = throttled(progress, 5_000);
      let done = 0;
      let phase = '';
      copy = await copyDatabase({
        from: `file:${sqlitePath}`,
        to: target.url,
        progress: {
          phase: (name) => {
            phase = name;
            done = 0;
          },
          table: () => undefined,
          rows: (n) => {
            done += n;
            report(`copy: ${phase} ${done.toLocaleString('en-US')} rows`);
          },
        },
      });
    } finally {
      await target.drop();
    }

    const raw = await createScratchPostgres(options.postgresUrl, 'copyraw');
    let rawCopy: { rows: number; ms: number };
    try {
      const schema = await openStore({ url: raw.url, migrate: true });
      await schema.close();
      progress('copy: raw baseline, one plain COPY of job_matches');
      rawCopy = await rawCopyMatches(sqlitePath, raw.url);
    } finally {
      await raw.drop();
    }

    const parityMs = copy.parity?.durationMs ?? 0;
    const rawRate = Math.round((rawCopy.rows / rawCopy.ms) * 1000);
    return {
      config: { rows, totalRows: copy.totalRows, tables: copy.plan.length, sourceBytes: statSync(sqlitePath).size },
      seeding: { ms: seeding.insertMs, recordsPerSecond: seeding.recordsPerSecond },
      copy: { ms: copy.copyMs, rowsPerSecond: copy.rowsPerSecond },
      parity: { ms: parityMs, ok: copy.parity?.ok ?? false },
      rawCopy: { ms: rawCopy.ms, rowsPerSecond: rawRate },
      copyToRaw: Math.round((copy.copyMs / rawCopy.ms) * 100) / 100,
      targets: {
        copy: { minRowsPerSecond: MIN_ROWS_PER_SECOND, pass: copy.rowsPerSecond >= MIN_ROWS_PER_SECOND },
        parity: { maxMs: MAX_PARITY_MS, pass: parityMs <= MAX_PARITY_MS && (copy.parity?.ok ?? false) },
      },
    };
  } finally {
    temp.remove();
  }
}

/** One line per figure and target, like the other subcommands' summaries. */
export function copySummary(r: CopyBenchResult): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return [
    `source: ${n(r.config.totalRows)} rows in ${r.config.tables} tables, ${n(Math.round(r.config.sourceBytes / 1_048_576))} MB SQLite (seeded at ${n(r.seeding.recordsPerSecond)} rec/s)`,
    `copy SQLite → PostgreSQL: ${(r.copy.ms / 1000).toFixed(1)} s, ${n(r.copy.rowsPerSecond)} rows/s (${r.copyToRaw}× a plain COPY of the same rows: ${(r.rawCopy.ms / 1000).toFixed(1)} s, ${n(r.rawCopy.rowsPerSecond)} rows/s)`,
    `parity check: ${(r.parity.ms / 1000).toFixed(1)} s, ${r.parity.ok ? 'every table matches' : 'MISMATCH'}`,
    `${r.targets.copy.pass ? 'PASS' : 'FAIL'}  copy ≥ ${n(r.targets.copy.minRowsPerSecond)} rows/s`,
    `${r.targets.parity.pass ? 'PASS' : 'FAIL'}  parity check ≤ ${r.targets.parity.maxMs / 1000} s`,
  ].join('\n');
}
