import { rm } from 'node:fs/promises';
import { errorMessage, isJobSearchError, JobSearchError } from '../errors.js';

const NO_SPACE = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'SQLITE_FULL']);
const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'SQLITE_CANTOPEN', 'SQLITE_READONLY']);

/**
 * An error while writing into `dir`, as an operator can act on it. Callers remove the partial file
 * first, so the message can promise that nothing else changed.
 */
export function writeError(error: unknown, dir: string, what: string, neededBytes?: number): JobSearchError {
  if (isJobSearchError(error)) return error;
  const code = String((error as { code?: unknown })?.code ?? '');
  const message = errorMessage(error);
  const needed = neededBytes === undefined ? '' : ` (the database is ${formatMegabytes(neededBytes)})`;
  if (NO_SPACE.has(code)) {
    return new JobSearchError(
      'IO_ERROR',
      `Not enough disk space in ${dir} for ${what}${needed}: ${message}. Free some space or choose another --dir. The partial file was removed; nothing else changed.`,
      { cause: error, details: { dir, code } },
    );
  }
  if (NOT_WRITABLE.has(code)) {
    return new JobSearchError(
      'IO_ERROR',
      `Cannot write ${what} to ${dir}: ${message}. Check that the folder exists and is writable, or choose another --dir. Nothing was changed.`,
      { cause: error, details: { dir, code } },
    );
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('E')) {
    return new JobSearchError(
      'IO_ERROR',
      `Writing ${what} to ${dir} failed: ${message}. Check free disk space${needed} and the folder's permissions. The partial file was removed; nothing else changed.`,
      { cause: error, details: { dir, code } },
    );
  }
  return new JobSearchError(
    'IO_ERROR',
    `Writing ${what} to ${dir} failed: ${message}. The partial file was removed; nothing else changed.`,
    { cause: error, details: { dir, code } },
  );
}

/** Removes a partial SQLite file and the companions SQLite may have left beside it. */
export async function removeSqliteFile(path: string): Promise<void> {
  await Promise.all(['', '-wal', '-shm', '-journal'].map((suffix) => rm(`${path}${suffix}`, { force: true })));
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
