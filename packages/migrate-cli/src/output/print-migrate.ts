import type { MigrateResult } from '../commands/migrate.js';
import { MIGRATE_ALIGN, MIGRATE_HEADER, migrateNotes, migrateRows } from '../reports/migrate-rows.js';
import { formatCount } from './format.js';
import { textTable } from './table.js';

/** Rejections shown per file in the terminal; the report lists them all. */
const REJECTIONS_SHOWN = 5;

export function printMigrate(result: MigrateResult): string {
  if (result.files.length === 0) return `No job_matches_*.json files in ${result.dir}.`;
  const lines = [
    textTable(MIGRATE_HEADER, migrateRows(result), MIGRATE_ALIGN),
    '',
    ...migrateNotes(result, REJECTIONS_SHOWN),
  ];
  if (result.dryRun) lines.push('Dry run: nothing was written.');
  if (result.backup) lines.push(`Backup: ${result.backup}`);
  if (result.reports) lines.push(`Report: ${result.reports.markdown} (and .json)`);
  if (result.reportError) lines.push(`The report could not be written: ${result.reportError}`);
  lines.push(
    `${result.ok ? 'Done' : 'Finished with errors'}: ${formatCount(result.totals.migrated)} records migrated, ${formatCount(result.recordsPerSecond)} records/s.`,
  );
  return lines.join('\n');
}
