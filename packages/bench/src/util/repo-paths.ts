import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: the nearest folder above `from` (default: this module) holding
 * pnpm-workspace.yaml. The bench runs the API and migration CLIs from their built files there,
 * as child processes, rather than depending on those packages.
 */
export function findRepoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`No pnpm-workspace.yaml above ${from}: run the bench inside the JobSearchAI repository.`);
    dir = parent;
  }
}

export function apiCliPath(repoRoot: string): string {
  return join(repoRoot, 'packages', 'api', 'dist', 'cli.js');
}

export function migrateCliPath(repoRoot: string): string {
  return join(repoRoot, 'packages', 'migrate-cli', 'dist', 'cli.js');
}

export function benchmarksDir(repoRoot: string): string {
  return join(repoRoot, 'benchmarks');
}
