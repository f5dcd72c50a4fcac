import type { ValidateResult } from '../commands/validate.js';
import { formatCount } from '../output/format.js';
import { markdownTable } from '../output/table.js';
import { validateFindings, validateFileRows, VALIDATE_ALIGN, VALIDATE_HEADER } from './validate-rows.js';

export function validateReportMarkdown(result: ValidateResult): string {
  const findings = validateFindings(result);
  return [
    '# Validation of the legacy JSON migration',
    '',
    `- Database: ${result.database} (${result.provider})`,
    `- Result: ${result.ok ? 'OK, no discrepancies' : `${formatCount(result.discrepancies)} discrepancies`}`,
    `- Rows type-checked: ${formatCount(result.rows.checked)} (${formatCount(result.rows.invalid)} invalid)`,
    `- Sample: ${result.sample.compared} of ${result.sample.requested} records compared field by field (seed ${result.sample.seed}; ${result.sample.notCompared} rows not written by an import), ${result.sample.mismatches.length} mismatches`,
    '',
    result.files.length > 0
      ? markdownTable(VALIDATE_HEADER, validateFileRows(result), VALIDATE_ALIGN)
      : 'No imported files are recorded.',
    '',
    ...(findings.length > 0 ? ['## Discrepancies', '', '```', ...findings, '```', ''] : []),
  ].join('\n');
}
