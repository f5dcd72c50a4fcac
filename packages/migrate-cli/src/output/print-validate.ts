import type { ValidateResult } from '../commands/validate.js';
import { validateFileRows, validateFindings, VALIDATE_ALIGN, VALIDATE_HEADER } from '../reports/validate-rows.js';
import { formatCount } from './format.js';
import { textTable } from './table.js';

/** Findings shown in the terminal; the report lists them all. */
const FINDINGS_SHOWN = 20;

export function printValidate(result: ValidateResult): string {
  const findings = validateFindings(result);
  const lines = [
    result.files.length > 0
      ? textTable(VALIDATE_HEADER, validateFileRows(result), VALIDATE_ALIGN)
      : 'No imported files are recorded.',
    '',
    `Rows type-checked: ${formatCount(result.rows.checked)}, invalid: ${formatCount(result.rows.invalid)}.`,
    `Sample (seed ${result.sample.seed}): ${result.sample.compared} compared, ${result.sample.mismatches.length} mismatches.`,
    ...findings.slice(0, FINDINGS_SHOWN),
  ];
  if (findings.length > FINDINGS_SHOWN) lines.push(`… ${findings.length - FINDINGS_SHOWN} more in the report`);
  lines.push(`Report: ${result.reports.markdown} (and .json)`);
  lines.push(
    result.ok
      ? 'Validation passed: no discrepancies.'
      : `Validation failed: ${formatCount(result.discrepancies)} discrepancies.`,
  );
  return lines.join('\n');
}
