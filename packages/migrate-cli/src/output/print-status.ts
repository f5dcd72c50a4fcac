import type { StatusResult } from '../commands/status.js';
import { formatBytes, formatCount } from './format.js';
import { textTable } from './table.js';

/** Imports listed in the text output; --json lists them all. */
export const LISTED_IMPORTS = 20;

export function printStatus(result: StatusResult): string {
  const { schema, counts } = result;
  const schemaLine = schema.empty
    ? 'empty (run `jobsearch-migrate init`)'
    : schema.legacy
      ? 'legacy installation, not adopted yet (run `jobsearch-migrate init`)'
      : `${schema.latest ?? 'none'}${schema.current ? ' (current)' : `; pending: ${schema.pending.join(', ') || 'none'}`}`;
  const lines = [
    `Database:     ${result.database} (${result.provider})`,
    `Size:         ${formatBytes(result.sizeBytes)}`,
    `Schema:       ${schemaLine}`,
  ];
  for (const [label, names] of [
    ['Edited', schema.modified],
    ['Unfinished', schema.failed],
    ['Unknown', schema.unknown],
  ] as const) {
    if (names.length > 0) lines.push(`${`${label}:`.padEnd(14)}${names.join(', ')}`);
  }
  if (counts) {
    lines.push(
      `Matches:      ${formatCount(counts.jobMatches)} (${formatCount(counts.failedEvaluations)} failed evaluations)`,
      `CV versions:  ${formatCount(counts.cvVersions)}   search runs: ${formatCount(counts.searchRuns)}   LLM calls: ${formatCount(counts.llmUsage)}   postings: ${formatCount(counts.jobPostings)}`,
    );
  }
  lines.push(
    `Last backup:  ${result.lastBackup ? `${result.lastBackup.path} (${result.lastBackup.createdAt}, ${formatBytes(result.lastBackup.bytes)})` : 'none'}`,
  );
  const last = result.lastImport;
  const migrated =
    last?.status === 'failed'
      ? ''
      : ` (${formatCount(last?.migrated ?? 0)} of ${formatCount(last?.records ?? 0)} records migrated)`;
  lines.push(`Last import:  ${last ? `${last.fileName} ${last.status} at ${last.finishedAt}${migrated}` : 'none'}`);
  if (result.imports)
    lines.push(
      `Imported:     ${formatCount(result.imports.files)} files, ${formatCount(result.imports.migrated)} of ${formatCount(result.imports.records)} records migrated`,
    );
  if (result.importList.length > 0) lines.push('', importsTable(result));
  return lines.join('\n');
}

function importsTable(result: StatusResult): string {
  const shown = result.importList.slice(-LISTED_IMPORTS);
  const earlier = result.importList.length - shown.length;
  const rows = shown.map((entry) => [
    String(entry.id),
    entry.fileName,
    entry.importedAt,
    entry.status === 'failed' ? '' : formatCount(entry.created),
    entry.status === 'failed' ? '' : formatCount(entry.updated),
    entry.undoneAt
      ? `undone ${entry.undoneAt}`
      : entry.status === 'failed'
        ? 'failed'
        : entry.undoable
          ? 'no'
          : 'no (before the undo journal)',
  ]);
  return [
    `Imports${earlier > 0 ? ` (the newest ${shown.length}; ${formatCount(earlier)} earlier in --json)` : ''}:`,
    textTable(['id', 'file', 'imported at', 'created', 'updated', 'undone'], rows, [
      'right',
      'left',
      'left',
      'right',
      'right',
      'left',
    ]),
  ].join('\n');
}
