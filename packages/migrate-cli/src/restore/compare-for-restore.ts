import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { errorMessage, isJobSearchError, JobSearchError } from '@jobsearchai/core';
import { type DatabaseSummary, openStore } from '@jobsearchai/core/store';
import type { DatabaseTarget } from '../config.js';

/** The backup and the database it would replace, side by side: what the operator confirms. */
export interface RestoreComparison {
  /** Null for a PostgreSQL backup: a pg_dump archive is only read by restoring it. */
  backup: DatabaseSummary | null;
  /** Null when there is no database yet (an SQLite file that does not exist). */
  current: DatabaseSummary | null;
}

/**
 * Reads both through core's store. The current database is opened as a writer would open it, so a
 * file this user cannot write is refused here, before the question, not after the answer.
 */
export async function compareForRestore(target: DatabaseTarget, file: string, cwd: string): Promise<RestoreComparison> {
  const backupPath = resolve(cwd, file);
  if (!existsSync(backupPath))
    throw new JobSearchError(
      'NOT_FOUND',
      `No backup at ${backupPath}. \`jobsearch-migrate status\` shows the latest backup.`,
    );
  const location = target.location;
  const current =
    location.provider === 'sqlite' && !existsSync(location.path) ? null : await summaryOf(target.url, cwd, false);
  const backup = location.provider === 'sqlite' ? await backupSummary(backupPath) : null;
  return { backup, current };
}

async function backupSummary(path: string): Promise<DatabaseSummary> {
  try {
    return await summaryOf(`file:${path}`, undefined, true);
  } catch (error) {
    if (!isJobSearchError(error, 'DB_UNAVAILABLE')) throw error;
    throw new JobSearchError(
      'INVALID_INPUT',
      `${path} cannot be read as an SQLite backup (${errorMessage(error.cause ?? error)}). Name a backup made by \`jobsearch-migrate backup\`; nothing was changed.`,
      { cause: error },
    );
  }
}

async function summaryOf(
  url: string | undefined,
  cwd: string | undefined,
  readonly: boolean,
): Promise<DatabaseSummary> {
  const store = await openStore({ url, cwd, create: false, readonly });
  try {
    return await store.databaseSummary();
  } finally {
    await store.close();
  }
}
