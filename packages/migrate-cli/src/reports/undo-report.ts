import type { UndoCommandResult } from '../commands/undo.js';
import { formatCount } from '../output/format.js';
import { type Align, markdownTable } from '../output/table.js';

export const REFUSED_HEADER = ['match id', 'action', 'search term', 'cv_key', 'URL', 'written later'] as const;
export const REFUSED_ALIGN: Align[] = ['right', 'left', 'left', 'left', 'left', 'left'];

export function refusedRows(result: UndoCommandResult): string[][] {
  return result.refused.map((row) => [
    String(row.matchId),
    row.action,
    row.searchTerm ?? '',
    row.cvKey ?? '',
    row.jobUrl ?? '',
    row.detail,
  ]);
}

/** One sentence: what was (or would be, or was not) done. */
export function undoSummary(result: UndoCommandResult): string {
  const counts = `${formatCount(result.createdRemoved)} created row(s) removed, ${formatCount(result.updatedRestored)} updated row(s) restored`;
  const gone =
    result.createdAlreadyGone > 0 ? `; ${formatCount(result.createdAlreadyGone)} created row(s) were already gone` : '';
  const subject = `import ${result.importId} (${result.fileName}, ${result.importedAt})`;
  if (result.applied)
    return `Undid ${subject}: ${counts}${gone}${result.refused.length > 0 ? `; ${formatCount(result.refused.length)} row(s) written after the import were undone too (--force)` : ''}. The file can be imported again.`;
  if (result.dryRun) {
    const refused =
      result.refused.length === 0
        ? ''
        : result.force
          ? `, ${formatCount(result.refused.length)} of them written after the import (--force undoes them too)`
          : `; it would be refused: ${formatCount(result.refused.length)} row(s) were written after the import (listed below; --force undoes them anyway)`;
    return `Dry run, nothing changed: undoing ${subject} would remove ${formatCount(result.createdRemoved)} created row(s) and restore ${formatCount(result.updatedRestored)} updated row(s)${refused}${gone}.`;
  }
  return `Refused to undo ${subject}: ${formatCount(result.refused.length)} of its row(s) were written after the import (listed below); nothing changed. Pass --force to undo them anyway.`;
}

export function undoReportMarkdown(result: UndoCommandResult): string {
  return [
    `# Undo of legacy import ${result.importId}${result.dryRun ? ' (dry run: nothing written)' : ''}`,
    '',
    `- Database: ${result.database} (${result.provider})`,
    `- File: ${result.fileName}, imported ${result.importedAt}`,
    `- Backup: ${result.backup ?? 'none'}`,
    `- Rows written after the import: ${result.force ? 'undone too (--force)' : 'refuse the undo'}`,
    `- Created rows removed: ${formatCount(result.createdRemoved)}${result.createdAlreadyGone > 0 ? ` (${formatCount(result.createdAlreadyGone)} already gone)` : ''}`,
    `- Updated rows restored: ${formatCount(result.updatedRestored)}`,
    `- Refused rows: ${formatCount(result.refused.length)}`,
    `- Result: ${undoSummary(result)}`,
    '',
    ...(result.refused.length > 0
      ? ['## Rows written after the import', '', markdownTable(REFUSED_HEADER, refusedRows(result), REFUSED_ALIGN), '']
      : []),
  ].join('\n');
}
