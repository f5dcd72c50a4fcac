import { isJobSearchError, JobSearchError } from '@jobsearchai/core';
import { backupDatabase, type BackupResult } from '@jobsearchai/core/backup';
import type { Store } from '@jobsearchai/core/store';
import type { DatabaseTarget } from './config.js';

/** The verified backup `init` and `migrate` take before they write; its absence is an error unless --no-backup. */
export async function backupBeforeWriting(
  target: DatabaseTarget,
  options: { cwd: string; backupDir?: string; store: Store },
): Promise<BackupResult> {
  try {
    return await backupDatabase(target.url, { cwd: options.cwd, dir: options.backupDir, store: options.store });
  } catch (error) {
    if (isJobSearchError(error) && (error.code === 'DB_UNAVAILABLE' || error.code === 'IO_ERROR')) {
      throw new JobSearchError(
        error.code,
        `${error.message} To go on without a backup (only if you have another one), pass --no-backup.`,
        { cause: error, details: error.details },
      );
    }
    throw error;
  }
}
