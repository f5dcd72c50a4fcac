import { errorMessage, JobSearchError, type Provider } from '@jobsearchai/core';
import { openStore, type UndoImportResult } from '@jobsearchai/core/store';
import { backupBeforeWriting } from '../backup-first.js';
import { databaseTarget, type CommonOptions } from '../config.js';
import type { Prompter } from '../prompts.js';
import { reportFiles, writeReport, type ReportFiles } from '../reports/report-files.js';
import { undoReportMarkdown } from '../reports/undo-report.js';

export interface UndoOptions extends CommonOptions {
  /** The legacy_imports id (`jobsearch-migrate status` lists them). */
  importId?: number;
  /** The newest import that is not failed or undone. */
  last?: boolean;
  /** Report what would be undone; write nothing. */
  dryRun?: boolean;
  /** Undo rows that were written after the import too. */
  force?: boolean;
  /** Confirmed beforehand: do not ask. */
  yes?: boolean;
  /** False: no backup before writing. */
  backup?: boolean;
  backupDir?: string;
  /** Report path (.json and .md); default reports/undo_<time>. */
  report?: string;
  /** Given on a terminal: asks for confirmation when --yes is absent. */
  prompter?: Prompter;
}

export interface UndoCommandResult extends UndoImportResult {
  /** False when rows written after the import refused the undo (nothing changed) or the report could not be written. */
  ok: boolean;
  provider: Provider;
  database: string;
  backup: string | null;
  reports: ReportFiles | null;
  reportError: string | null;
}

/**
 * Takes back one legacy import: the rows it created are deleted, the rows it updated get their
 * previous values, in one transaction after a backup. Rows written after the import refuse the
 * undo (listed in the result and report) unless --force.
 */
export async function undo(options: UndoOptions): Promise<UndoCommandResult> {
  if ((options.importId === undefined) === !options.last)
    throw new JobSearchError(
      'INVALID_INPUT',
      'Give either an import id or --last; `jobsearch-migrate status` lists the imports and their ids.',
    );
  const target = databaseTarget(options);
  const store = await openStore({ url: target.url, cwd: options.cwd, create: false, requireCurrentSchema: true });
  try {
    const importId = options.importId ?? (await store.lastUndoableImport());
    const force = options.force ?? false;
    const preview = await store.undoLegacyImport(importId, { dryRun: true, force });
    let outcome = preview;
    let backup: string | null = null;
    const blocked = preview.refused.length > 0 && !force;
    if (!options.dryRun && !blocked) {
      await confirm(options, preview, target.display);
      if (options.backup !== false)
        backup = (await backupBeforeWriting(target, { cwd: options.cwd, backupDir: options.backupDir, store })).path;
      outcome = await store.undoLegacyImport(importId, { force });
    }
    const result: UndoCommandResult = {
      ...outcome,
      dryRun: options.dryRun ?? false,
      ok: !(outcome.refused.length > 0 && !outcome.applied && !options.dryRun),
      provider: target.location.provider,
      database: target.display,
      backup,
      reports: null,
      reportError: null,
    };
    // Like migrate: a dry run writes a report only when one was asked for.
    if (!options.dryRun || options.report) {
      const paths = reportFiles(options.cwd, 'undo', options.report);
      try {
        result.reports = await writeReport(paths, { ...result, reports: paths }, undoReportMarkdown(result));
      } catch (error) {
        result.ok = false;
        result.reportError = errorMessage(error);
      }
    }
    return result;
  } finally {
    await store.close();
  }
}

/** Like restore: a terminal is asked; without one, --yes is required (nothing is written before). */
async function confirm(options: UndoOptions, preview: UndoImportResult, database: string): Promise<void> {
  if (options.yes) return;
  const what = `remove ${preview.createdRemoved} row(s) it created and restore ${preview.updatedRestored} row(s) it updated in ${database}`;
  if (!options.prompter)
    throw new JobSearchError(
      'INVALID_INPUT',
      `Undoing import ${preview.importId} would ${what}; pass --yes to confirm (there is no terminal to ask), or --dry-run to preview.`,
    );
  const go = await options.prompter.confirm({
    message: `Undo import ${preview.importId} (${preview.fileName}): ${what}?${options.backup === false ? '' : ' A backup is taken first.'}`,
    default: false,
  });
  if (!go) throw new JobSearchError('CANCELLED', 'Undo cancelled; nothing was changed.');
}
