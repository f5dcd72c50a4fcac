import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The API and migration CLIs the benchmarks run as child processes, found by Node's module
 * resolution from this package (its dependencies), so the bench works the same inside the
 * repository and installed from npm.
 */
const requireHere = createRequire(import.meta.url);

export function packageBin(packageName: string, binName: string): string {
  let manifestPath: string;
  try {
    manifestPath = requireHere.resolve(`${packageName}/package.json`);
  } catch {
    throw new Error(
      `${packageName} is not installed beside @jobsearchai/bench: install it (npm install ${packageName}) and retry.`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[binName];
  if (!bin) throw new Error(`${packageName} at ${dirname(manifestPath)} has no bin ${binName}.`);
  return join(dirname(manifestPath), bin);
}

export function apiCliPath(): string {
  return packageBin('@jobsearchai/api', 'jobsearch-api');
}

export function migrateCliPath(): string {
  return packageBin('@jobsearchai/migrate-cli', 'jobsearch-migrate');
}

/**
 * The JobSearchAI checkout this bench was built in (the nearest folder above `from` with
 * pnpm-workspace.yaml and packages/bench), or undefined for a bench installed from npm.
 */
export function findRepoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml')) && existsSync(join(dir, 'packages/bench/package.json')))
      return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
