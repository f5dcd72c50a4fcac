import { errorMessage } from '@jobsearchai/core';
import { type CopyProgress, type CopyResult, copyDatabase } from '@jobsearchai/core/copy';
import { copyReportMarkdown } from '../reports/copy-report.js';
import { type ReportFiles, reportFiles, writeReport } from '../reports/report-files.js';

export interface CopyCommandOptions {
  /** Base of relative SQLite paths and of the report. */
  cwd: string;
  /** Source database: file:…, a path, or postgresql://… */
  from: string;
  /** Target database, of either provider. */
  to: string;
  /** Print the plan (tables, row counts, the target's state); change nothing. */
  dryRun?: boolean;
  /** Delete every row in a non-empty target before copying. */
  force?: boolean;
  /** Report path (.json and .md); default reports/copy_<time>. */
  report?: string;
  progress?: CopyProgress;
}

export interface CopyCommandResult extends CopyResult {
  reports: ReportFiles | null;
  reportError: string | null;
}

/**
 * Copies a whole installation to another database, SQLite or PostgreSQL either way, and checks
 * parity. The source is never written: a legacy source is adopted in a temporary snapshot.
 */
export async function copy(options: CopyCommandOptions): Promise<CopyCommandResult> {
  const outcome = await copyDatabase({
    from: options.from,
    to: options.to,
    cwd: options.cwd,
    dryRun: options.dryRun,
    force: options.force,
    progress: options.progress,
  });
  const result: CopyCommandResult = { ...outcome, reports: null, reportError: null };
  // Like migrate and undo: a dry run writes a report only when one was asked for.
  if (!options.dryRun || options.report) {
    const paths = reportFiles(options.cwd, 'copy', options.report);
    try {
      result.reports = await writeReport(paths, { ...result, reports: paths }, copyReportMarkdown(result));
    } catch (error) {
      result.ok = false;
      result.reportError = errorMessage(error);
    }
  }
  return result;
}
