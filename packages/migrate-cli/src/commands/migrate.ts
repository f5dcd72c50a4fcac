import { resolve } from 'node:path';
import {
  DEFAULT_LEGACY_DIR,
  errorMessage,
  isJobSearchError,
  JobSearchError,
  parseCvKey,
  type Provider,
} from '@jobsearchai/core';
import {
  discoverLegacyMatchFiles,
  importLegacyFile,
  type LegacyFileText,
  readLegacyFileText,
  rolledBack,
} from '@jobsearchai/core/legacy-import';
import { openStore, type Store } from '@jobsearchai/core/store';
import { backupBeforeWriting } from '../backup-first.js';
import { databaseTarget, type CommonOptions } from '../config.js';
import {
  outcomeOfImport,
  outcomeOfPreviousImport,
  outcomeWithoutImport,
  totalCounts,
  type Counts,
  type FileOutcome,
  type FileStatus,
} from '../migrate/file-outcome.js';
import { loadMapping, type PartialAnswers } from '../migrate/mapping-file.js';
import { planFiles, type PlannedFile } from '../migrate/plan-files.js';
import { perSecond } from '../output/format.js';
import { silentProgress, type Progress } from '../output/progress.js';
import { timedPrompter, type Prompter } from '../prompts.js';
import { migrateReportMarkdown } from '../reports/migrate-report.js';
import { reportFiles, writeReport, type ReportFiles } from '../reports/report-files.js';

export interface MigrateOptions extends CommonOptions {
  /** Folder of the legacy `job_matches_*.json` files; default `job_matches`. */
  dir?: string;
  /** Run every import in one transaction and roll it back: exact counts, nothing written (no backup, no import rows). */
  dryRun?: boolean;
  /** Overwrite stored rows whose content differs, and import files again that were imported before. */
  force?: boolean;
  /** Answers for every file the mapping does not cover. */
  searchTerm?: string;
  cv?: string;
  cvKey?: string;
  /** JSON/YAML: file name or glob → { searchTerm, cv | cvKey }. */
  mapping?: string;
  /** Do not ask for confirmation before writing. */
  yes?: boolean;
  /** false skips the backup taken before writing. */
  backup?: boolean;
  backupDir?: string;
  /** Report path (stem of .json and .md); default reports/migrate_<time>. */
  report?: string;
  /** Given on a terminal: asks for missing answers and for confirmation. Without it, missing answers are an error. */
  prompter?: Prompter;
  progress?: Progress;
  /** Milliseconds, for durations; default performance.now (tests pass their own). */
  clock?: () => number;
}

export interface MigrateTotals extends Counts {
  files: number;
  byStatus: Partial<Record<FileStatus, number>>;
}

export interface MigrateResult {
  /** False when a file failed, a record was rejected or the run stopped at a database error. */
  ok: boolean;
  dryRun: boolean;
  force: boolean;
  provider: Provider;
  database: string;
  dir: string;
  /** The backup taken before writing. */
  backup: string | null;
  files: FileOutcome[];
  totals: MigrateTotals;
  /** The database error that stopped the run; files before it are imported, the rest are `not-run`. */
  aborted: string | null;
  reports: ReportFiles | null;
  /** Why the report could not be written (the import itself finished). */
  reportError: string | null;
  /** Working time: the time spent waiting at prompts is not in it. */
  durationMs: number;
  recordsPerSecond: number;
}

/**
 * Imports legacy `job_matches_*.json` files: every file's answers are settled first (flags, mapping,
 * prompts), then a verified backup is taken, then each file is imported in its own transaction.
 * Re-running is safe: files imported before are recognised by their sha256 and skipped.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  // Time at the prompts is the operator's, not the migration's: it is left out of durationMs.
  const asking = options.prompter ? timedPrompter(options.prompter, clock) : null;
  const target = databaseTarget(options);
  const flags = flagAnswers(options);
  const mapping = options.mapping ? await loadMapping(resolve(options.cwd, options.mapping)) : [];
  const dir = resolve(options.cwd, options.dir ?? DEFAULT_LEGACY_DIR);
  const files = await discoverLegacyMatchFiles(dir);
  const progress = options.progress ?? silentProgress;
  const store = await openStore({ url: target.url, cwd: options.cwd, create: false, requireCurrentSchema: true });
  try {
    const plan = await planFiles({
      store,
      files,
      flags,
      mapping,
      prompter: asking?.prompter ?? null,
      reimport: options.force ?? false,
      cwd: options.cwd,
    });
    const importing = plan.filter((item) => item.kind === 'import').length;
    const writes = importing > 0 && !options.dryRun;
    const takeBackup = writes && options.backup !== false;
    if (writes && asking && !options.yes) {
      const go = await asking.prompter.confirm({
        message: `Import ${importing} file(s) into ${target.display}?${takeBackup ? ' A backup is taken first.' : ''}`,
        default: true,
      });
      if (!go) throw new JobSearchError('CANCELLED', 'Nothing was imported; nothing was written.');
    }
    const backup = takeBackup
      ? (await backupBeforeWriting(target, { cwd: options.cwd, backupDir: options.backupDir, store })).path
      : null;
    if (backup) progress.note(`Backup: ${backup}`);

    // A dry run previews all files in one rolled-back transaction, so each file sees the ones before it.
    const { outcomes, aborted } = options.dryRun
      ? await rolledBack(store, (tx) => importPlanned(tx, plan, options, progress))
      : await importPlanned(store, plan, options, progress);
    const totals = totalCounts(outcomes);
    const durationMs = Math.round(clock() - started - (asking?.waitedMs() ?? 0));
    const result: MigrateResult = {
      ok: !aborted && totals.rejected === 0 && outcomes.every((outcome) => outcome.status !== 'failed'),
      dryRun: options.dryRun ?? false,
      force: options.force ?? false,
      provider: target.location.provider,
      database: target.display,
      dir,
      backup,
      files: outcomes,
      totals: { ...totals, files: outcomes.length, byStatus: countStatuses(outcomes) },
      aborted,
      reports: null,
      reportError: null,
      durationMs,
      recordsPerSecond: perSecond(totals.records, durationMs),
    };
    // A dry run writes nothing unless a report was asked for.
    if (!options.dryRun || options.report) {
      const paths = reportFiles(options.cwd, 'migrate', options.report);
      try {
        result.reports = await writeReport(
          paths,
          { ...result, reports: paths },
          migrateReportMarkdown({ ...result, reports: paths }),
        );
      } catch (error) {
        // The import is done and committed: a report that cannot be written must not look like "nothing written".
        result.ok = false;
        result.reportError = errorMessage(error);
      }
    }
    return result;
  } finally {
    await store.close();
  }
}

/**
 * Files are committed in groups (COMMIT_GROUP_*), each file a savepoint of its group's
 * transaction: a commit per file made most of a migration's time waiting on the database, while a
 * group still never keeps half a file — a kill loses the uncommitted files whole, and a re-run
 * imports them. Outcomes are reported once their group is committed.
 */
const COMMIT_GROUP_RECORDS = 2_000;
const COMMIT_GROUP_MS = 500;

async function importPlanned(
  store: Store,
  plan: readonly PlannedFile[],
  options: MigrateOptions,
  progress: Progress,
): Promise<{ outcomes: FileOutcome[]; aborted: string | null }> {
  const outcomes: FileOutcome[] = [];
  let aborted: string | null = null;
  // Keys written by earlier files: with --force, a later file must not overwrite them either.
  const runKeys = new Set<string>();
  const reads = new ReadAhead();
  const report = (outcome: FileOutcome) => {
    outcomes.push(outcome);
    progress.file(outcome);
  };
  progress.start(plan.length);
  let next = 0;
  while (next < plan.length) {
    const item = plan[next]!;
    if (aborted) {
      report(outcomeWithoutImport(item.path, item.fileName, 'not-run', NOT_REACHED));
      next++;
    } else if (item.kind === 'already-imported') {
      report(outcomeOfPreviousImport(item.path, item.fileName, item.previous));
      next++;
    } else if (item.kind !== 'import') {
      report(outcomeWithoutImport(item.path, item.fileName, item.kind, item.note));
      next++;
    } else {
      const group: FileOutcome[] = [];
      let current: ImportItem | null = null;
      try {
        await store.transaction(async (tx) => {
          const started = performance.now();
          let records = 0;
          for (; next < plan.length; next++) {
            const file = plan[next]!;
            if (file.kind !== 'import') break;
            if (records >= COMMIT_GROUP_RECORDS || performance.now() - started >= COMMIT_GROUP_MS) break;
            current = file;
            // The next file is read while this one is written.
            const ahead = plan[next + 1];
            if (ahead?.kind === 'import') reads.start(ahead.path);
            const outcome = await importOne(tx, file, options, runKeys, reads.take(file.path));
            current = null;
            group.push(outcome);
            records += outcome.records;
          }
        });
      } catch (error) {
        // A database error: the group's transaction is gone, and with it every file of the group.
        aborted = errorMessage(error);
        const failing = current as ImportItem | null;
        for (const done of group)
          report(
            outcomeWithoutImport(
              done.path,
              done.fileName,
              failing ? 'not-run' : 'failed',
              failing ? ROLLED_BACK : aborted,
              {
                searchTerm: done.searchTerm ?? undefined,
                cvKey: done.cvKey ?? undefined,
              },
            ),
          );
        if (failing) {
          report(
            outcomeWithoutImport(failing.path, failing.fileName, 'failed', aborted, {
              searchTerm: failing.searchTerm,
              cvKey: failing.choice.cvKey,
            }),
          );
          next++;
        }
        continue;
      }
      for (const outcome of group) report(outcome);
    }
  }
  progress.stop();
  return { outcomes, aborted };
}

type ImportItem = Extract<PlannedFile, { kind: 'import' }>;

const NOT_REACHED = 'not reached: the run stopped at a database error';
const ROLLED_BACK = 'not imported: it shared a commit with a file that hit a database error; run again to import it';

/** One file inside its group's transaction; a file that cannot be read or parsed fails alone. */
async function importOne(
  tx: Store,
  item: ImportItem,
  options: MigrateOptions,
  runKeys: Set<string>,
  content: Promise<LegacyFileText>,
): Promise<FileOutcome> {
  const answers = { searchTerm: item.searchTerm, cvKey: item.choice.cvKey };
  try {
    const result = await importLegacyFile(tx, {
      content: await content,
      path: item.path,
      ...answers,
      cv: item.choice.cv,
      onDuplicate: options.force ? 'update' : 'skip',
      // planFiles looked every file up already.
      skipIfImported: false,
      dryRun: options.dryRun,
      runKeys,
    });
    return outcomeOfImport(result);
  } catch (error) {
    if (!isFileProblem(error, item.path)) throw error;
    return outcomeWithoutImport(item.path, item.fileName, 'failed', errorMessage(error), answers);
  }
}

/** Reads started ahead of their import; a failed read surfaces when its file is imported. */
class ReadAhead {
  readonly #pending = new Map<string, Promise<LegacyFileText>>();

  start(path: string): void {
    if (this.#pending.has(path)) return;
    const read = readLegacyFileText(path);
    // Awaited later by take(); until then a rejection must not count as unhandled.
    read.catch(() => undefined);
    this.#pending.set(path, read);
  }

  take(path: string): Promise<LegacyFileText> {
    const read = this.#pending.get(path) ?? readLegacyFileText(path);
    this.#pending.delete(path);
    return read;
  }
}

function isFileProblem(error: unknown, path: string): boolean {
  return (
    isJobSearchError(error, 'INVALID_INPUT') || (isJobSearchError(error, 'IO_ERROR') && error.details?.path === path)
  );
}

function flagAnswers(options: MigrateOptions): PartialAnswers {
  if (options.cv && options.cvKey) throw new JobSearchError('INVALID_INPUT', 'Give --cv or --cv-key, not both.');
  if (options.searchTerm !== undefined && options.searchTerm.trim() === '')
    throw new JobSearchError('INVALID_INPUT', '--search-term must not be empty.');
  return {
    searchTerm: options.searchTerm?.trim(),
    cv: options.cv ? resolve(options.cwd, options.cv) : undefined,
    cvKey: options.cvKey ? parseCvKey(options.cvKey) : undefined,
  };
}

function countStatuses(outcomes: readonly FileOutcome[]): Partial<Record<FileStatus, number>> {
  const counts: Partial<Record<FileStatus, number>> = {};
  for (const outcome of outcomes) counts[outcome.status] = (counts[outcome.status] ?? 0) + 1;
  return counts;
}
