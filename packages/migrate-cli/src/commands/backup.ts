import { backupDatabase, type BackupResult } from '@jobsearchai/core/backup';
import { openStore } from '@jobsearchai/core/store';
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
  // A backup only reads the database: an SQLite file is read through a read-only connection, so a
  // file this user cannot write (owned by the service's user) can still be backed up.
  const store =
    target.location.provider === 'sqlite'
      ? await openStore({ url: target.url, cwd: options.cwd, create: false, readonly: true })
      : undefined;
  try {
    const result = await backupDatabase(target.url, {
      cwd: options.cwd,
      dir: options.dir,
      keep: options.keep,
      env: options.env,
      store,
    });
    return { ...result, ok: true };
  } finally {
    await store?.close();
  }
}
