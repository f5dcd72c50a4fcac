import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JobSearchError } from '../errors.js';
import type { Provider } from './sql-driver.js';

export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 of migration.sql, as Prisma records it. */
  checksum: string;
}

/** The first migration: the legacy schema, marked applied when a legacy database is adopted. */
export const BASELINE_MIGRATION = '20251101000000_legacy_baseline';

/**
 * The repository's `prisma/<provider>/migrations` when running from a checkout (the source of
 * truth during development), else the copy shipped in the package's `migrations/` folder.
 */
export function migrationsDirectory(provider: Provider): string {
  const candidates = [
    new URL(`../../../../prisma/${provider}/migrations/`, import.meta.url),
    new URL(`../../migrations/${provider}/`, import.meta.url),
  ];
  for (const candidate of candidates) {
    const path = fileURLToPath(candidate);
    if (existsSync(path)) return path;
  }
  throw new JobSearchError(
    'INTERNAL',
    `No ${provider} migrations found (looked in ${candidates.map((c) => fileURLToPath(c)).join(', ')}). Reinstall @jobsearchai/core.`,
  );
}

const cache = new Map<string, MigrationFile[]>();

export function loadMigrations(provider: Provider, directory = migrationsDirectory(provider)): MigrationFile[] {
  const cached = cache.get(directory);
  if (cached) return cached;
  const migrations = readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{14}_[\w-]+$/.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(`${directory}/${name}/migration.sql`, 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
  cache.set(directory, migrations);
  return migrations;
}
