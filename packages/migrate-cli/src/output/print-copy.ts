import type { CopyCommandResult } from '../commands/copy.js';
import {
  copySummary,
  PARITY_ALIGN,
  PARITY_HEADER,
  PLAN_ALIGN,
  PLAN_HEADER,
  parityRows,
  planRows,
} from '../reports/copy-report.js';
import { textTable } from './table.js';

export function printCopy(result: CopyCommandResult): string {
  const lines = [copySummary(result), ''];
  lines.push(
    result.parity
      ? textTable(PARITY_HEADER, parityRows(result), PARITY_ALIGN)
      : textTable(PLAN_HEADER, planRows(result), PLAN_ALIGN),
  );
  if (result.reports) lines.push('', `Report: ${result.reports.markdown}`);
  if (result.reportError) lines.push('', `The report could not be written: ${result.reportError}`);
  return lines.join('\n');
}
