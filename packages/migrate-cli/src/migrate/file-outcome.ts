import type { LegacyImportRecord } from '@jobsearchai/core';
import type { ImportFileResult, ImportFileStatus, RejectedRecordReport } from '@jobsearchai/core/legacy-import';

/** What happened to one legacy file: imported (or previewed), imported before, skipped at a prompt, failed, or not reached. */
export type FileStatus = ImportFileStatus | 'skipped' | 'failed' | 'not-run';

export interface FileOutcome {
  fileName: string;
  path: string;
  status: FileStatus;
  searchTerm: string | null;
  cvKey: string | null;
  records: number;
  migrated: number;
  duplicates: number;
  duplicatesWithinFile: number;
  updated: number;
  unchanged: number;
  /** Stored failed evaluations that a successful one of this file replaced. */
  replacedFailed: number;
  rejected: number;
  failedEvaluations: number;
  rejections: RejectedRecordReport[];
  /** Why a file failed or was not imported. */
  note: string | null;
  durationMs: number;
}

export type Counts = Pick<
  FileOutcome,
  | 'records'
  | 'migrated'
  | 'duplicates'
  | 'duplicatesWithinFile'
  | 'updated'
  | 'unchanged'
  | 'replacedFailed'
  | 'rejected'
  | 'failedEvaluations'
>;

const ZERO: Counts = {
  records: 0,
  migrated: 0,
  duplicates: 0,
  duplicatesWithinFile: 0,
  updated: 0,
  unchanged: 0,
  replacedFailed: 0,
  rejected: 0,
  failedEvaluations: 0,
};
const COUNT_KEYS = Object.keys(ZERO) as (keyof Counts)[];

export function outcomeOfImport(result: ImportFileResult): FileOutcome {
  const note =
    result.status === 'already-imported'
      ? `imported before (import #${result.importId}); --force imports it again`
      : null;
  const counts = { ...ZERO };
  for (const key of COUNT_KEYS) counts[key] = result[key];
  return {
    ...counts,
    fileName: result.fileName,
    path: result.path,
    status: result.status,
    searchTerm: result.searchTerm,
    cvKey: result.cvKey,
    rejections: result.rejections,
    note,
    durationMs: result.durationMs,
  };
}

export function outcomeOfPreviousImport(path: string, fileName: string, previous: LegacyImportRecord): FileOutcome {
  const note = `imported before (${previous.finishedAt}, import #${previous.id}); --force imports it again`;
  return { ...outcomeWithoutImport(path, fileName, 'already-imported', note, previous), records: previous.records };
}

export function outcomeWithoutImport(
  path: string,
  fileName: string,
  status: FileStatus,
  note: string | null,
  answers: { searchTerm?: string; cvKey?: string } = {},
): FileOutcome {
  return {
    ...ZERO,
    fileName,
    path,
    status,
    searchTerm: answers.searchTerm ?? null,
    cvKey: answers.cvKey ?? null,
    rejections: [],
    note,
    durationMs: 0,
  };
}

/** Sums over the files this run read: a file imported before counts under its status only. */
export function totalCounts(outcomes: readonly FileOutcome[]): Counts {
  const totals = { ...ZERO };
  for (const outcome of outcomes) {
    if (outcome.status !== 'imported' && outcome.status !== 'dry-run') continue;
    for (const key of COUNT_KEYS) totals[key] += outcome[key];
  }
  return totals;
}
