import { existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DiskRole, DiskSection } from './types.js';
import { percent } from './window-math.js';

export interface DiskTarget {
  role: DiskRole;
  path: string;
}

/** Free space for unprivileged users (`bavail`) on the file system holding each path. */
export function collectDiskSpace(targets: readonly DiskTarget[]): DiskSection[] {
  return targets.map(({ role, path }) => {
    const stats = statfsSync(existingAncestor(path));
    const freeBytes = stats.bavail * stats.bsize;
    const totalBytes = stats.blocks * stats.bsize;
    return { role, path, freeBytes, totalBytes, freePercent: percent(stats.bavail, stats.blocks) ?? 0 };
  });
}

/** A folder that does not exist yet (no backup taken so far) will be created on the disk of its parent. */
function existingAncestor(path: string): string {
  let current = path;
  while (!existsSync(current)) {
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}
