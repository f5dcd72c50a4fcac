import pg from 'pg';
import type { DatabaseLocation } from '../db/database-url.js';
import { mapDriverError } from '../db/map-driver-error.js';
import { JobSearchError } from '../errors.js';
import { backupDatabase } from './backup-database.js';
import { archiveTables, listArchive, requirePostgresTool, runPostgresTool, toolFailure } from './postgres-tools.js';
import { looksLikeJobSearchDatabase, type RestoreOptions, type RestoreResult } from './restore-types.js';

/**
 * Replaces a PostgreSQL database's JobSearchAI objects with a pg_dump archive: the archive is
 * checked, the current database is dumped first, and pg_restore runs in one transaction, so a
 * failure leaves the database as it was.
 */
export async function restorePostgres(
  file: string,
  location: Extract<DatabaseLocation, { provider: 'postgresql' }>,
  options: RestoreOptions,
): Promise<Omit<RestoreResult, 'durationMs'>> {
  // biome-ignore lint/style/noProcessEnv: forwards the caller's environment to pg_restore and pg_dump (PGPASSWORD, PATH); no setting is read from it.
  const env = options.env ?? process.env;
  const pgRestore = requirePostgresTool('pg_restore', env);
  requirePostgresTool('pg_dump', env);
  let tables: string[];
  try {
    tables = archiveTables(await listArchive(pgRestore, file, env));
  } catch (error) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `${file} is not a pg_dump archive in custom format: ${toolFailure('pg_restore', error).message}. Nothing was changed.`,
      { cause: error },
    );
  }
  if (!looksLikeJobSearchDatabase(tables)) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `${file} is not a JobSearchAI backup (tables: ${tables.join(', ') || 'none'}). Nothing was changed.`,
    );
  }
  await refuseWhileWriting(location);
  const previousBackup = (
    await backupDatabase(location.url, {
      dir: options.backupDir,
      keep: options.keep,
      cwd: options.cwd,
      protect: [file],
      env,
    })
  ).path;
  try {
    await runPostgresTool(
      pgRestore,
      [
        '--clean',
        '--if-exists',
        '--no-owner',
        '--no-privileges',
        '--single-transaction',
        '--exit-on-error',
        '--no-password',
        file,
      ],
      location.url,
      env,
    );
  } catch (error) {
    const failure = toolFailure('pg_restore', error);
    throw new JobSearchError(
      failure.code,
      `${failure.message}. The restore ran in one transaction and was rolled back; the database is unchanged (its backup: ${previousBackup}).`,
      { cause: error },
    );
  }
  const jobMatches = await withClient(location.url, async (client) =>
    Number((await client.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM job_matches')).rows[0]!.n),
  );
  return {
    provider: 'postgresql',
    database: location.database,
    restoredFrom: file,
    previousBackup,
    removedFiles: [],
    tables,
    jobMatches,
  };
}

/** Another session with a write transaction open (a search run, an import) would lose its work or block the restore. */
async function refuseWhileWriting(location: Extract<DatabaseLocation, { provider: 'postgresql' }>): Promise<void> {
  const writers = await withClient(location.url, async (client) =>
    Number(
      (
        await client.query<{ n: number }>(
          'SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL',
        )
      ).rows[0]!.n,
    ),
  );
  if (writers > 0) {
    throw new JobSearchError(
      'DB_LOCKED',
      `${writers} other session(s) are writing to ${location.database} (the API, a search run or a migration). Stop them and run restore again. Nothing was changed.`,
      { details: { writers } },
    );
  }
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return await fn(client);
  } catch (error) {
    throw mapDriverError(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
