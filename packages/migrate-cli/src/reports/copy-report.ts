import type { CopyResult } from '@jobsearchai/core/copy';
import { formatCount, formatDuration } from '../output/format.js';
import { type Align, markdownTable } from '../output/table.js';

export const PLAN_HEADER = ['table', 'source rows', 'target rows now'] as const;
export const PLAN_ALIGN: Align[] = ['left', 'right', 'right'];
export const PARITY_HEADER = ['table', 'source rows', 'target rows', 'keys', 'checksum', 'parity'] as const;
export const PARITY_ALIGN: Align[] = ['left', 'right', 'right', 'left', 'left', 'left'];

export function planRows(result: CopyResult): string[][] {
  return result.plan.map((entry) => [
    entry.table,
    formatCount(entry.rows),
    result.target.before.exists ? formatCount(result.target.before.rows[entry.table] ?? 0) : '-',
  ]);
}

export function parityRows(result: CopyResult): string[][] {
  return (result.parity?.tables ?? []).map((table) => [
    table.table,
    formatCount(table.sourceRows),
    formatCount(table.targetRows),
    table.keysMatch ? 'same' : 'differ',
    table.match
      ? table.sourceChecksum.slice(0, 16)
      : `${table.sourceChecksum.slice(0, 16)} ≠ ${table.targetChecksum.slice(0, 16)}`,
    table.match ? 'ok' : describeMismatch(table),
  ]);
}

function describeMismatch(table: NonNullable<CopyResult['parity']>['tables'][number]): string {
  const parts = [
    table.missingInTarget.length > 0 ? `missing ${table.missingInTarget.join(', ')}` : '',
    table.extraInTarget.length > 0 ? `extra ${table.extraInTarget.join(', ')}` : '',
    table.differing.length > 0 ? `different ${table.differing.join(', ')}` : '',
  ].filter(Boolean);
  return `MISMATCH${parts.length > 0 ? `: ${parts.join('; ')}` : ''}`;
}

function targetState(result: CopyResult): string {
  const before = result.target.before;
  if (!before.exists) return 'does not exist yet (it will be created)';
  const schema = {
    none: 'no schema',
    legacy: 'a legacy schema',
    current: 'the current schema',
    behind: 'an older schema',
  }[before.schema];
  return `${schema}, ${before.totalRows === 0 ? 'empty' : `${formatCount(before.totalRows)} rows${result.force ? ' (--force deletes them first)' : ' (refused without --force)'}`}`;
}

/** One sentence: what was (or would be) done. */
export function copySummary(result: CopyResult): string {
  const from = `${result.source.database} (${result.source.provider})`;
  const to = `${result.target.database} (${result.target.provider})`;
  const adopted = result.source.adopted
    ? ' The source is a legacy database: a temporary snapshot of it was adopted and copied; the file itself was not changed.'
    : '';
  if (result.dryRun) {
    const refused = result.target.before.totalRows > 0 && !result.force;
    return `Dry run, nothing changed: copying ${formatCount(result.totalRows)} rows in ${result.plan.length} tables from ${from} to ${to}${refused ? ' would be refused: the target is not empty (pass --force to empty it first)' : ''}.${adopted}`;
  }
  const parity = result.parity?.ok
    ? 'parity verified: every table has the same rows, keys and checksum'
    : `PARITY FAILED in ${(result.parity?.tables ?? [])
        .filter((table) => !table.match)
        .map((table) => table.table)
        .join(', ')}`;
  return `Copied ${formatCount(result.totalRows)} rows in ${result.plan.length} tables from ${from} to ${to} in ${formatDuration(result.copyMs)} (${formatCount(result.rowsPerSecond)} rows/s); ${parity} (${formatDuration(result.parity?.durationMs ?? 0)}).${adopted}`;
}

export function copyReportMarkdown(result: CopyResult): string {
  return [
    `# Copy of the database${result.dryRun ? ' (dry run: nothing written)' : ''}`,
    '',
    `- Source: ${result.source.database} (${result.source.provider})${result.source.adopted ? ', legacy: adopted in a temporary snapshot, the source unchanged' : ', read-only'}`,
    `- Target: ${result.target.database} (${result.target.provider}), before the copy: ${targetState(result)}`,
    `- Target emptied first (--force): ${result.target.emptied ? 'yes' : 'no'}`,
    `- Migrations applied to the target: ${result.target.migrationsApplied.join(', ') || 'none'}`,
    `- Sequences set: ${result.sequences.map((s) => `${s.table}.${s.column} = ${s.value}`).join(', ') || 'none'}`,
    `- Result: ${copySummary(result)}`,
    '',
    '## Plan',
    '',
    markdownTable(PLAN_HEADER, planRows(result), PLAN_ALIGN),
    '',
    ...(result.parity ? ['## Parity', '', markdownTable(PARITY_HEADER, parityRows(result), PARITY_ALIGN), ''] : []),
  ].join('\n');
}
