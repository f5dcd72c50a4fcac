import type { MigrateResult } from '../commands/migrate.js';
import type { RejectedRecordReport } from '@jobsearchai/core/legacy-import';
import type { FileOutcome } from '../migrate/file-outcome.js';
import { formatCount, formatDuration } from '../output/format.js';
import type { Align } from '../output/table.js';

/** The per-file table of a migration, shared by the terminal summary and the Markdown report. */
export const MIGRATE_HEADER = [
  'File',
  'Status',
  'Search term',
  'cv_key',
  'Records',
  'Migrated',
  'Duplicates',
  'Updated',
  'Replaced failed',
  'Rejected',
  'Time',
];
export const MIGRATE_ALIGN: Align[] = [
  'left',
  'left',
  'left',
  'left',
  'right',
  'right',
  'right',
  'right',
  'right',
  'right',
  'right',
];

export function migrateRows(result: MigrateResult): string[][] {
  const rows = result.files.map(fileRow);
  const t = result.totals;
  rows.push([
    'Total',
    `${t.files} files`,
    '',
    '',
    formatCount(t.records),
    formatCount(t.migrated),
    formatCount(t.duplicates),
    formatCount(t.updated),
    formatCount(t.replacedFailed),
    formatCount(t.rejected),
    formatDuration(result.durationMs),
  ]);
  return rows;
}

function fileRow(file: FileOutcome): string[] {
  const counted = file.status === 'imported' || file.status === 'dry-run';
  const count = (value: number) => (counted ? formatCount(value) : '');
  return [
    file.fileName,
    file.status,
    file.searchTerm ?? '',
    file.cvKey ?? '',
    file.status === 'already-imported' ? formatCount(file.records) : count(file.records),
    count(file.migrated),
    counted
      ? `${formatCount(file.duplicates)}${file.duplicatesWithinFile > 0 ? ` (${formatCount(file.duplicatesWithinFile)} in file)` : ''}`
      : '',
    count(file.updated),
    count(file.replacedFailed),
    count(file.rejected),
    formatDuration(file.durationMs),
  ];
}

/** Lines that explain the table: failures, skips and, in the report, every rejected record. */
export function migrateNotes(result: MigrateResult, rejectionsPerFile: number): string[] {
  const lines: string[] = [];
  if (result.aborted) lines.push(`Stopped at a database error: ${result.aborted}`);
  for (const file of result.files) {
    if (file.status === 'failed' || file.status === 'skipped')
      lines.push(`${file.fileName}: ${file.status}: ${file.note}`);
    if (file.rejections.length === 0) continue;
    lines.push(`${file.fileName}: ${file.rejections.length} rejected record(s):`);
    for (const rejection of file.rejections.slice(0, rejectionsPerFile)) lines.push(`  ${rejectedRecord(rejection)}`);
    if (file.rejections.length > rejectionsPerFile)
      lines.push(`  … ${file.rejections.length - rejectionsPerFile} more in the report`);
  }
  return lines;
}

/** Titles longer than this are cut: the line names the record, the file holds the rest. */
const TITLE_SHOWN = 50;

/** "record 5 (Informatiker/in EFZ): reason": counted from 1, as a person counts the records of a file. */
export function rejectedRecord(rejection: RejectedRecordReport): string {
  const title = rejection.title?.trim();
  const shown = title && title.length > TITLE_SHOWN ? `${title.slice(0, TITLE_SHOWN - 1)}…` : title;
  return `record ${rejection.index + 1}${shown ? ` (${shown})` : ''}: ${rejection.reason}`;
}
