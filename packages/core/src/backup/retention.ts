import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { listBackups, type BackupExtension } from './backup-files.js';

/** Keeps the newest `keep` backups of one kind in `dir`, never a `protect`ed one; returns the paths removed. */
export async function pruneBackups(
  dir: string,
  keep: number,
  extension: BackupExtension,
  protect: readonly string[] = [],
): Promise<string[]> {
  const kept = new Set(protect.map((path) => resolve(path)));
  const backups = await listBackups(dir, extension);
  const removable = backups
    .slice(0, Math.max(0, backups.length - keep))
    .filter((backup) => !kept.has(resolve(backup.path)));
  for (const backup of removable) await rm(backup.path, { force: true });
  return removable.map((backup) => backup.path);
}
