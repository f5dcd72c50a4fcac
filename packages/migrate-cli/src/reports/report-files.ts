import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { errorMessage, JobSearchError } from '@jobsearchai/core';
import { backupStamp } from '@jobsearchai/core/backup';

export const DEFAULT_REPORT_DIR = 'reports';

export interface ReportFiles {
  json: string;
  markdown: string;
}

/**
 * `--report PATH` names both files (`PATH.json` and `PATH.md`; a given .json or .md extension is
 * the stem's); without it they go to `reports/<command>_YYYYMMDD_HHMMSS.*` (UTC, like backups).
 */
export function reportFiles(
  cwd: string,
  command: string,
  requested: string | undefined,
  now = new Date(),
): ReportFiles {
  const stem = requested
    ? resolve(cwd, requested).replace(/\.(json|md)$/i, '')
    : resolve(cwd, DEFAULT_REPORT_DIR, `${command}_${backupStamp(now)}`);
  return { json: `${stem}.json`, markdown: `${stem}.md` };
}

export async function writeReport(files: ReportFiles, data: unknown, markdown: string): Promise<ReportFiles> {
  try {
    await mkdir(dirname(files.json), { recursive: true });
    await writeFile(files.json, `${JSON.stringify(data, null, 2)}\n`);
    await writeFile(files.markdown, markdown);
  } catch (cause) {
    throw new JobSearchError(
      'IO_ERROR',
      `Cannot write the report ${files.json}: ${errorMessage(cause)}. Choose another place with --report.`,
      { cause },
    );
  }
  return files;
}
