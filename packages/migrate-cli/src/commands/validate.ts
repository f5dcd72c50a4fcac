import { resolve } from 'node:path';
import type { Provider } from '@jobsearchai/core';
import { validateImports, type ValidationReport } from '@jobsearchai/core/legacy-import';
import { openStore } from '@jobsearchai/core/store';
import { databaseTarget, type CommonOptions } from '../config.js';
import { reportFiles, writeReport, type ReportFiles } from '../reports/report-files.js';
import { validateReportMarkdown } from '../reports/validate-report.js';
import { DEFAULT_LEGACY_DIR } from '@jobsearchai/core';

export interface ValidateOptions extends CommonOptions {
  /** Where imported files are looked for when their recorded path is gone; default `job_matches`. */
  dir?: string;
  /** Records compared field by field; default 10. */
  sample?: number;
  seed?: number;
  report?: string;
}

export interface ValidateResult extends ValidationReport {
  provider: Provider;
  database: string;
  reports: ReportFiles;
}

/** Compares the legacy files with the database (read-only) and writes the findings as JSON and Markdown. */
export async function validate(options: ValidateOptions): Promise<ValidateResult> {
  const target = databaseTarget(options);
  const store = await openStore({
    url: target.url,
    cwd: options.cwd,
    create: false,
    readonly: true,
    requireCurrentSchema: true,
  });
  try {
    const report = await validateImports(store, {
      dir: resolve(options.cwd, options.dir ?? DEFAULT_LEGACY_DIR),
      sample: options.sample,
      seed: options.seed,
    });
    const reports = reportFiles(options.cwd, 'validate', options.report);
    const result: ValidateResult = { ...report, provider: target.location.provider, database: target.display, reports };
    await writeReport(reports, result, validateReportMarkdown(result));
    return result;
  } finally {
    await store.close();
  }
}
