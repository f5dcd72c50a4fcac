import { link, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { backupFileName, listBackups, type BackupExtension } from './backup-files.js';

/**
 * Gives a finished, verified temp file its backup name. link() never replaces an existing file,
 * so two backups in the same second (or two processes) get `_01`, `_02`, … instead of
 * overwriting each other; a reader never sees a half-written backup under a backup name. The
 * number follows the highest one of that second: a name freed by retention is not reused, or
 * the newest backup would sort before older ones of the same second.
 */
export async function placeBackup(
  tempPath: string,
  dir: string,
  stamp: string,
  extension: BackupExtension,
): Promise<string> {
  await fsyncPath(tempPath);
  const sameSecond = (await listBackups(dir, extension)).filter((backup) => backup.stamp === stamp);
  for (let sequence = Math.max(-1, ...sameSecond.map((backup) => backup.sequence)) + 1; ; sequence++) {
    const path = join(dir, backupFileName(stamp, sequence, extension));
    try {
      await link(tempPath, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    await rm(tempPath, { force: true });
    await fsyncPath(dir);
    return path;
  }
}

/** Flushes a file or a folder (its entries) to disk, so a power loss cannot keep a name without its data. */
export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
