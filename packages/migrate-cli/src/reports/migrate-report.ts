import type { MigrateResult } from '../commands/migrate.js';
import { formatCount } from '../output/format.js';
import { markdownTable } from '../output/table.js';
import { MIGRATE_ALIGN, MIGRATE_HEADER, migrateNotes, migrateRows } from './migrate-rows.js';

export function migrateReportMarkdown(result: MigrateResult): string {
  const t = result.totals;
  const notes = migrateNotes(result, Number.POSITIVE_INFINITY);
  return [
    `# Legacy JSON migration${result.dryRun ? ' (dry run: nothing written)' : ''}`,
    '',
    `- Database: ${result.database} (${result.provider})`,
    `- Folder: ${result.dir}`,
    `- Backup: ${result.backup ?? (result.dryRun ? 'none (dry run)' : 'none')}`,
    `- Duplicates: ${result.force ? 'updated when their content differs (--force)' : 'skipped'}`,
    `- Result: ${result.ok ? 'OK' : 'finished with errors'}; ${formatCount(t.records)} records, ${formatCount(t.migrated)} migrated, ${formatCount(t.duplicates)} duplicates (${formatCount(t.duplicatesWithinFile)} within a file), ${formatCount(t.updated)} updated, ${formatCount(t.replacedFailed)} replaced a failed evaluation, ${formatCount(t.rejected)} rejected, ${formatCount(t.failedEvaluations)} failed legacy evaluations imported as failed (evaluated again by the next search unless a later file holds a real evaluation); ${formatCount(result.recordsPerSecond)} records/s`,
    '',
    markdownTable(MIGRATE_HEADER, migrateRows(result), MIGRATE_ALIGN),
    '',
    ...(notes.length > 0 ? ['## Problems', '', '```', ...notes, '```', ''] : []),
  ].join('\n');
}
