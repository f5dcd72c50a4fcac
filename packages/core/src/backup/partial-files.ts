import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BACKUP_PREFIX } from './backup-files.js';

const PARTIAL = /^\.jobsearchai_backup_\d{8}_\d{6}\.(\d+)\.partial(?:-wal|-shm|-journal)?$/;

/** Where a backup is written until it is verified: hidden, and named after the writing process. */
export function partialBackupPath(dir: string, stamp: string): string {
  return join(dir, `.${BACKUP_PREFIX}${stamp}.${process.pid}.partial`);
}

/**
 * Removes what a killed backup left behind (a process killed with SIGKILL cleans up nothing).
 * A partial file of a process that still runs is a backup in progress and stays.
 */
export async function removeStalePartials(dir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    const pid = PARTIAL.exec(name)?.[1];
    if (pid === undefined || isRunning(Number(pid))) continue;
    await rm(join(dir, name), { force: true });
    removed.push(join(dir, name));
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
