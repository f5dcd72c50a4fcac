import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const BACKUP_PREFIX = 'jobsearchai_backup_';
/** SQLite backups are database files; PostgreSQL backups are pg_dump archives in custom format. */
export type BackupExtension = '.db' | '.dump';

const BACKUP_NAME = /^jobsearchai_backup_(\d{8}_\d{6})(?:_(\d{2,}))?\.(db|dump)$/;

export interface BackupFile {
  path: string;
  name: string;
  /** `YYYYMMDD_HHMMSS`, UTC. */
  stamp: string;
  /** 0 for the first backup of a second, 1, 2, … for the ones that followed in the same second. */
  sequence: number;
  extension: BackupExtension;
  bytes: number;
  createdAt: string;
}

/** `YYYYMMDD_HHMMSS` in UTC: names sort in time order whatever the server's zone. */
export function backupStamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}_${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

export function backupFileName(stamp: string, sequence: number, extension: BackupExtension): string {
  return `${BACKUP_PREFIX}${stamp}${sequence === 0 ? '' : `_${String(sequence).padStart(2, '0')}`}${extension}`;
}

/** The backups in `dir`, oldest first; an absent folder has none. */
export async function listBackups(dir: string, extension?: BackupExtension): Promise<BackupFile[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const backups: BackupFile[] = [];
  for (const entry of entries) {
    const parts = entry.isFile() ? BACKUP_NAME.exec(entry.name) : null;
    if (!parts) continue;
    const ext = `.${parts[3]}` as BackupExtension;
    if (extension && ext !== extension) continue;
    const path = join(dir, entry.name);
    const info = await stat(path);
    backups.push({
      path,
      name: entry.name,
      stamp: parts[1]!,
      sequence: Number(parts[2] ?? 0),
      extension: ext,
      bytes: info.size,
      createdAt: info.mtime.toISOString(),
    });
  }
  // By name's time and sequence: `_10` must come after `_09`, which plain name order does not give.
  return backups.sort((a, b) => (a.stamp === b.stamp ? a.sequence - b.sequence : a.stamp < b.stamp ? -1 : 1));
}

/** The newest backup in `dir`, for `status` and monitoring; null when there is none. */
export async function latestBackup(dir: string): Promise<BackupFile | null> {
  return (await listBackups(dir)).at(-1) ?? null;
}
