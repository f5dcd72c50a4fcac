import type { MigrateResult } from '../commands/migrate.js';
import type { FileOutcome } from '../migrate/file-outcome.js';
import { MIGRATE_ALIGN, MIGRATE_HEADER, migrateNotes, migrateRows } from '../reports/migrate-rows.js';
import { formatCount, formatDuration } from './format.js';
import { textTable } from './table.js';
import { DEFAULT_COLUMNS, wrapLine } from './wrap.js';

/** Rejections shown per file in the terminal; the report lists them all. */
const REJECTIONS_SHOWN = 5;

/**
 * The summary for a terminal `columns` wide: the report's table when it fits, else (the table is
 * about 130 characters wide) one short block per file, every line wrapped to the width.
 */
export function printMigrate(result: MigrateResult, columns: number = DEFAULT_COLUMNS): string {
  if (result.files.length === 0) return `No job_matches_*.json files in ${result.dir}.`;
  const table = textTable(MIGRATE_HEADER, migrateRows(result), MIGRATE_ALIGN);
  const fits = table.split('\n').every((line) => line.length <= columns);
  const lines = [...(fits ? [table] : fileBlocks(result)), '', ...migrateNotes(result, REJECTIONS_SHOWN)];
  if (result.backup) lines.push(`Backup: ${result.backup}`);
  if (result.reports) lines.push(`Report: ${result.reports.markdown} (and .json)`);
  if (result.reportError) lines.push(`The report could not be written: ${result.reportError}`);
  lines.push(closing(result));
  return lines.flatMap((line) => wrapLine(line, columns, '    ')).join('\n');
}

function closing(result: MigrateResult): string {
  const t = result.totals;
  if (result.dryRun)
    return `Dry run: ${formatCount(t.migrated)} records would be migrated, ${formatCount(t.rejected)} rejected; nothing was written.`;
  return `${result.ok ? 'Done' : 'Finished with errors'}: ${formatCount(t.migrated)} records migrated in ${formatDuration(result.durationMs)}, ${formatCount(result.recordsPerSecond)} records/s.`;
}

function fileBlocks(result: MigrateResult): string[] {
  const t = result.totals;
  return [
    ...result.files.flatMap((file) => [
      `${file.fileName}: ${file.status}, ${formatDuration(file.durationMs)}`,
      ...(file.searchTerm || file.cvKey
        ? [`  search term ${file.searchTerm ?? '-'}, cv_key ${file.cvKey ?? '-'}`]
        : []),
      ...(counts(file) ? [`  ${counts(file)}`] : []),
    ]),
    `Total: ${formatCount(t.files)} files, ${formatDuration(result.durationMs)}`,
    `  ${counts({ ...t, status: 'imported' })}`,
  ];
}

/** The counts a file has: the ones that are not zero, besides records and migrated. */
function counts(
  file: Pick<
    FileOutcome,
    | 'status'
    | 'records'
    | 'migrated'
    | 'duplicates'
    | 'duplicatesWithinFile'
    | 'updated'
    | 'replacedFailed'
    | 'rejected'
  >,
): string {
  if (file.status === 'already-imported') return `${formatCount(file.records)} records (imported before)`;
  if (file.status !== 'imported' && file.status !== 'dry-run') return '';
  const parts = [`${formatCount(file.migrated)} migrated`];
  if (file.duplicates > 0)
    parts.push(
      `${formatCount(file.duplicates)} duplicates${file.duplicatesWithinFile > 0 ? ` (${formatCount(file.duplicatesWithinFile)} in the file)` : ''}`,
    );
  if (file.updated > 0) parts.push(`${formatCount(file.updated)} updated`);
  if (file.replacedFailed > 0) parts.push(`${formatCount(file.replacedFailed)} replaced a failed evaluation`);
  if (file.rejected > 0) parts.push(`${formatCount(file.rejected)} rejected`);
  return `${formatCount(file.records)} records: ${parts.join(', ')}`;
}
