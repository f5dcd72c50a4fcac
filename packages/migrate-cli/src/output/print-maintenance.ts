import type { BackupCommandResult } from '../commands/backup.js';
import type { InitResult } from '../commands/init.js';
import type { RestoreCommandResult } from '../commands/restore.js';
import { formatBytes, formatCount, formatDuration } from './format.js';

export function printInit(result: InitResult): string {
  const lines = [];
  if (result.backup) lines.push(`Backup: ${result.backup}`);
  if (result.adopted) lines.push(`Adopted the legacy database ${result.database}; its rows were not touched.`);
  else if (result.created) lines.push(`Created the schema in ${result.database}.`);
  lines.push(
    result.applied.length > 0
      ? `Applied: ${result.applied.join(', ')}.`
      : `The schema of ${result.database} is up to date (${result.latest}).`,
  );
  return lines.join('\n');
}

export function printBackup(result: BackupCommandResult): string {
  const rows = result.jobMatches === null ? '' : `, ${formatCount(result.jobMatches)} matches`;
  const lines = [
    `Backup: ${result.path} (${formatBytes(result.bytes)}${rows}, verified, ${formatDuration(result.durationMs)})`,
  ];
  if (result.pruned.length > 0)
    lines.push(`Removed ${result.pruned.length} older backup(s): ${result.pruned.join(', ')}`);
  return lines.join('\n');
}

export function printRestore(result: RestoreCommandResult): string {
  const lines = [];
  lines.push(
    result.previousBackup
      ? `Backed up the replaced database to ${result.previousBackup}.`
      : 'There was no database to back up.',
  );
  if (result.migrationsApplied.length > 0)
    lines.push(
      `Brought the backup to the current schema: ${result.migrationsApplied.length} migration(s) (${result.migrationsApplied.join(', ')}).`,
    );
  const rows = result.jobMatches === null ? '' : ` (${formatCount(result.jobMatches)} matches)`;
  lines.push(`Restored ${result.database} from ${result.restoredFrom}${rows} in ${formatDuration(result.durationMs)}.`);
  return lines.join('\n');
}
