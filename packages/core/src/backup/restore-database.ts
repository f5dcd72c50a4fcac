import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveDatabaseUrl } from '../db/database-url.js';
import { JobSearchError } from '../errors.js';
import type { RestoreOptions, RestoreResult } from './restore-types.js';

/** Restores a backup made by backupDatabase (or the legacy installation's database file) over the database. */
export async function restoreDatabase(file: string, options: RestoreOptions): Promise<RestoreResult> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  if (!options.yes) {
    throw new JobSearchError(
      'INVALID_INPUT',
      'A restore replaces the whole database; confirm it (--yes). The current database is backed up first.',
    );
  }
  const backup = resolve(cwd, file);
  if (!existsSync(backup))
    throw new JobSearchError(
      'NOT_FOUND',
      `No backup at ${backup}. \`jobsearch-migrate status\` shows the latest backup.`,
    );
  const location = resolveDatabaseUrl(options.url, cwd);
  // One provider's restore loads: a SQLite installation never loads pg.
  const result =
    location.provider === 'sqlite'
      ? await (await import('./restore-sqlite.js')).restoreSqlite(backup, location.path, { ...options, cwd })
      : await (await import('./restore-postgres.js')).restorePostgres(backup, location, { ...options, cwd });
  return { ...result, durationMs: Math.round(performance.now() - started) };
}
