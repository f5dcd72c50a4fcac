import type { UndoCommandResult } from '../commands/undo.js';
import { REFUSED_ALIGN, REFUSED_HEADER, refusedRows, undoSummary } from '../reports/undo-report.js';
import { textTable } from './table.js';

export function printUndo(result: UndoCommandResult): string {
  const lines = [];
  if (result.backup) lines.push(`Backup: ${result.backup}`);
  lines.push(undoSummary(result));
  if (result.refused.length > 0) lines.push('', textTable(REFUSED_HEADER, refusedRows(result), REFUSED_ALIGN), '');
  if (result.reports) lines.push(`Report: ${result.reports.markdown}`);
  if (result.reportError) lines.push(`The report could not be written: ${result.reportError}`);
  return lines.join('\n');
}
