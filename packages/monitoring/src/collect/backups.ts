import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupSection, CollectContext } from './types.js';
import { hoursBetween } from './sql-helpers.js';

/**
 * Backup files as `jobsearch-migrate backup` names them: `jobsearchai_backup_YYYYMMDD_HHMMSS.db`
 * (SQLite) or `.dump` (pg_dump), with `_NN` for further backups within the same second.
 */
const BACKUP_FILE = /^jobsearchai_backup_\d{8}_\d{6}(?:_\d{2,})?\.(?:db|dump)$/;

export interface LatestBackup {
  file: string;
  path: string;
  modifiedAt: Date;
}

/** The newest backup in `dir` by modification time; null when the folder is missing or has none. */
export function findLatestBackup(dir: string): LatestBackup | null {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => BACKUP_FILE.test(name));
  } catch {
    return null;
  }
  let latest: LatestBackup | null = null;
  for (const file of names) {
    const path = join(dir, file);
    try {
      const stats = statSync(path);
      if (!stats.isFile()) continue;
      if (!latest || stats.mtimeMs > latest.modifiedAt.getTime()) latest = { file, path, modifiedAt: stats.mtime };
    } catch {
      // Rotated away while we looked.
    }
  }
  return latest;
}

export async function collectBackup({ now, config }: Pick<CollectContext, 'now' | 'config'>): Promise<BackupSection> {
  const latest = findLatestBackup(config.backupDir);
  return {
    dir: config.backupDir,
    latestFile: latest?.file ?? null,
    latestAt: latest?.modifiedAt.toISOString() ?? null,
    hoursSinceLastBackup: latest ? hoursBetween(latest.modifiedAt, now) : null,
  };
}
