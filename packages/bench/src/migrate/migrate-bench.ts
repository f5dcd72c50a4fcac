import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { discoverLegacyMatchFiles, importLegacyFile } from '@jobsearchai/core/legacy-import';
import { openStore } from '@jobsearchai/core/store';
import { runNodeScript, tail } from '../util/child-process.js';
import { silentProgress, type Progress } from '../util/progress.js';
import { migrateCliPath } from '../util/package-bins.js';
import { makeTempDir } from '../util/temp-dir.js';
import { writeLegacyFiles } from './legacy-files.js';
import type { CliImportFigures, ImportFigures, MigrateBenchOptions, MigrateBenchResult } from './migrate-types.js';
import { rawImport } from './raw-import.js';

const SEARCH_TERM = 'IT';
const CV_KEY = '5e8d2f0a9b1c4e67';

/**
 * Generates legacy match files, then imports them three ways, each into a fresh SQLite file:
 * the built `jobsearch-migrate migrate` as a child process (end to end), core's
 * importLegacyFile in-process, and a raw better-sqlite3 loop.
 */
export async function benchMigrate(
  options: MigrateBenchOptions = {},
  progress: Progress = silentProgress,
): Promise<MigrateBenchResult> {
  const records = options.records ?? 20_000;
  const recordsPerFile = options.recordsPerFile ?? 100;
  const temp = options.workDir ? undefined : makeTempDir('migrate');
  const dir = options.workDir ?? temp!.path;
  try {
    progress(`migrate: writing ${records.toLocaleString('en-US')} legacy records in files of ${recordsPerFile}`);
    const files = writeLegacyFiles({
      dir: join(dir, 'job_matches'),
      records,
      recordsPerFile,
      seed: options.seed ?? 11,
    });
    const paths = await discoverLegacyMatchFiles(files.dir);

    const cli = await timeCli(options.cliPath ?? migrateCliPath(), dir, files.dir, records, progress);

    progress('migrate: core importLegacyFile, in-process');
    const corePath = join(dir, 'core.db');
    const store = await openStore({ url: `file:${corePath}`, migrate: true });
    let core: ImportFigures;
    try {
      const started = performance.now();
      let inserted = 0;
      for (const path of paths)
        inserted += (await importLegacyFile(store, { path, searchTerm: SEARCH_TERM, cvKey: CV_KEY })).migrated;
      core = figures(records, performance.now() - started, inserted);
    } finally {
      await store.close();
    }

    progress('migrate: raw better-sqlite3 loop');
    const rawPath = join(dir, 'raw.db');
    await (await openStore({ url: `file:${rawPath}`, migrate: true })).close();
    const rawStarted = performance.now();
    const rawInserted = rawImport(rawPath, paths, SEARCH_TERM, CV_KEY);
    const raw = figures(records, performance.now() - rawStarted, rawInserted);
    if (raw.inserted !== core.inserted)
      throw new Error(
        `The raw loop inserted ${raw.inserted} rows, the core import ${core.inserted}: the comparison is not like for like.`,
      );

    const ratio = (rate: number) => Math.round((rate / raw.recordsPerSecond) * 100) / 100;
    progress(
      `migrate: CLI ${'skipped' in cli ? 'skipped' : `${cli.recordsPerSecond.toLocaleString('en-US')} rec/s`}, core ${core.recordsPerSecond.toLocaleString('en-US')} rec/s, raw ${raw.recordsPerSecond.toLocaleString('en-US')} rec/s`,
    );
    return {
      config: { records, recordsPerFile, searchTerm: SEARCH_TERM, cvKey: CV_KEY },
      files,
      cli,
      core,
      raw,
      ratios: {
        coreToRaw: ratio(core.recordsPerSecond),
        cliToRaw: 'skipped' in cli ? null : ratio(cli.recordsPerSecond),
      },
    };
  } finally {
    temp?.remove();
  }
}

function figures(records: number, ms: number, inserted: number): ImportFigures {
  return { ms: Math.round(ms), recordsPerSecond: Math.round(records / (ms / 1000)), inserted };
}

async function timeCli(
  cli: string,
  dir: string,
  legacyDir: string,
  records: number,
  progress: Progress,
): Promise<CliImportFigures | { skipped: string }> {
  if (!existsSync(cli)) {
    const reason = `${cli} is missing: build it first (pnpm exec tsup in packages/migrate-cli)`;
    progress(`migrate: ${reason} — CLI timing skipped`);
    return { skipped: reason };
  }
  const db = `file:${join(dir, 'cli.db')}`;
  progress('migrate: jobsearch-migrate init + migrate, as child processes');
  const init = await runNodeScript(cli, ['init', '--db', db, '--no-backup', '--json'], {
    cwd: dir,
    timeoutMs: 120_000,
  });
  if (init.exitCode !== 0)
    throw new Error(`jobsearch-migrate init exited ${init.exitCode}:\n${tail(init.stderr || init.stdout)}`);
  const run = await runNodeScript(
    cli,
    [
      'migrate',
      '--dir',
      legacyDir,
      '--db',
      db,
      '--search-term',
      SEARCH_TERM,
      '--cv-key',
      CV_KEY,
      '--yes',
      '--no-backup',
      '--json',
      '--report',
      join(dir, 'reports', 'migrate'),
    ],
    { cwd: dir, timeoutMs: 30 * 60_000 },
  );
  if (run.exitCode !== 0)
    throw new Error(`jobsearch-migrate migrate exited ${run.exitCode}:\n${tail(run.stderr || run.stdout)}`);
  const reported = JSON.parse(run.stdout) as {
    totals: { migrated: number; duplicates: number; rejected: number; files: number };
    durationMs: number;
    recordsPerSecond: number;
  };
  return {
    ...figures(records, run.wallMs, reported.totals.migrated),
    initMs: Math.round(init.wallMs),
    reported: {
      migrated: reported.totals.migrated,
      duplicates: reported.totals.duplicates,
      rejected: reported.totals.rejected,
      files: reported.totals.files,
      durationMs: reported.durationMs,
      recordsPerSecond: reported.recordsPerSecond,
    },
  };
}
