import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  path: string;
  remove(): void;
}

/** A scratch folder for one benchmark's databases and files, removed when it is done. */
export function makeTempDir(prefix: string, parent: string = tmpdir()): TempDir {
  const path = mkdtempSync(join(parent, `jobsearch-bench-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
