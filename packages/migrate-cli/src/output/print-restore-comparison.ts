import type { DatabaseSummary } from '@jobsearchai/core/store';
import type { RestoreComparison } from '../restore/compare-for-restore.js';
import { formatCount } from './format.js';
import { textTable } from './table.js';

/** Migration names are up to ~45 characters; cut, two of them and the labels fit 80 columns. */
const VERSION_SHOWN = 28;

/** Two columns, backup and current database, printed before a restore asks for confirmation. */
export function printRestoreComparison(comparison: RestoreComparison): string {
  const { backup, current } = comparison;
  const row = (label: string, cell: (summary: DatabaseSummary) => string) => [
    label,
    backup ? cell(backup) : 'in the archive',
    current ? cell(current) : 'no database',
  ];
  const count = (value: number | null) => (value === null ? 'no table' : formatCount(value));
  const table = textTable(
    ['', 'backup', 'current database'],
    [
      row('job matches', (s) => count(s.jobMatches)),
      row('search runs', (s) => count(s.searchRuns)),
      row('newest evaluation', (s) => s.newestEvaluation ?? 'none'),
      row('schema version', version),
    ],
    ['left', 'left', 'left'],
  );
  return backup ? table : `${table}\nThe backup is a pg_dump archive: its rows are read when it is restored.`;
}

function version(summary: DatabaseSummary): string {
  if (summary.legacy) return 'legacy (not migrated)';
  const name = summary.schemaVersion;
  if (name === null) return 'none';
  return name.length > VERSION_SHOWN ? `${name.slice(0, VERSION_SHOWN - 1)}…` : name;
}
