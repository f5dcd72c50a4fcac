import { backupDatabase, type BackupResult } from '@jobsearchai/core/backup';
import { databaseTarget, type CommonOptions } from '../config.js';

export interface BackupCommandOptions extends CommonOptions {
  /** Default `backups`. */
  dir?: string;
  /** Default 10. */
  keep?: number;
}

export type BackupCommandResult = BackupResult & { ok: true };

/** An online, verified backup; safe while the API runs. */
export async function backup(options: BackupCommandOptions): Promise<BackupCommandResult> {
  const target = databaseTarget(options);
  const result = await backupDatabase(target.url, {
    cwd: options.cwd,
    dir: options.dir,
    keep: options.keep,
    env: options.env,
  });
  return { ...result, ok: true };
}
