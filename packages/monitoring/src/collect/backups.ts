import { latestBackup } from '@jobsearchai/core/backup';
import type { BackupSection, CollectContext } from './types.js';
import { hoursBetween } from './window-math.js';

/** The newest backup `jobsearch-migrate backup` wrote (`jobsearchai_backup_YYYYMMDD_HHMMSS.db` / `.dump`) and its age. */
export async function collectBackup(
  { now, config }: Pick<CollectContext, 'now' | 'config'>,
  databaseCreatedAt: string | null,
): Promise<BackupSection> {
  const latest = await latestBackup(config.backupDir);
  const at = latest ? new Date(latest.createdAt) : null;
  return {
    dir: config.backupDir,
    latestFile: latest?.name ?? null,
    latestAt: at?.toISOString() ?? null,
    hoursSinceLastBackup: at ? hoursBetween(at, now) : null,
    databaseAgeHours: databaseCreatedAt ? hoursBetween(new Date(databaseCreatedAt), now) : null,
  };
}
