import type { ValidateResult } from '../commands/validate.js';
import { formatCount } from '../output/format.js';
import type { Align } from '../output/table.js';

export const VALIDATE_HEADER = ['File', 'Status', 'Search term', 'cv_key', 'Records', 'Keys', 'Rows found', 'Missing'];
export const VALIDATE_ALIGN: Align[] = ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right'];

export function validateFileRows(result: ValidateResult): string[][] {
  const count = (value: number | null) => (value === null ? '' : formatCount(value));
  return result.files.map((file) => [
    file.fileName,
    file.status,
    file.searchTerm,
    file.cvKey,
    count(file.recordsInFile),
    count(file.uniqueKeys),
    count(file.rowsFound),
    formatCount(file.missingKeys.count),
  ]);
}

/** Every finding as a line, each list capped as the report capped it (counts are complete). */
export function validateFindings(result: ValidateResult): string[] {
  const lines: string[] = [];
  for (const file of result.files) {
    for (const problem of file.problems) lines.push(`${file.fileName}: ${problem}`);
    if (file.missingKeys.count > 0)
      lines.push(
        `${file.fileName}: ${file.missingKeys.count} record(s) without a row: ${listed(file.missingKeys.keys, file.missingKeys.count)}`,
      );
  }
  for (const extra of result.extraRows)
    lines.push(
      `${extra.count} imported row(s) under "${extra.searchTerm}" / ${extra.cvKey} that no imported file holds: ${listed(extra.keys, extra.count)}`,
    );
  for (const mismatch of result.sample.mismatches) {
    const fields = mismatch.differences.map((d) => `${d.field} ${d.expected} → ${d.actual}`).join(', ');
    lines.push(`row ${mismatch.id} (${mismatch.jobUrl}) differs from ${mismatch.fileName}: ${fields}`);
  }
  for (const row of result.rows.problems) lines.push(`row ${row.id} (${row.jobUrl}): ${row.problems.join('; ')}`);
  if (result.rows.invalid > result.rows.problems.length)
    lines.push(`… ${result.rows.invalid - result.rows.problems.length} more invalid rows`);
  return lines;
}

function listed(keys: readonly string[], count: number): string {
  return `${keys.join(', ')}${count > keys.length ? `, … ${count - keys.length} more` : ''}`;
}
