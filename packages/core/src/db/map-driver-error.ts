import { JobSearchError, type JobSearchErrorCode } from '../errors.js';

/**
 * Maps SQLite (better-sqlite3) and PostgreSQL (pg) errors onto one set of codes, so callers
 * branch on `code` whatever the provider: a unique violation is DUPLICATE_KEY on both (what
 * Prisma calls P2002), a busy or locked database DB_LOCKED, an unreachable one DB_UNAVAILABLE.
 */
export function mapDriverError(error: unknown): JobSearchError {
  if (error instanceof JobSearchError) return error;
  const code = classify(error);
  const message = (error as Error)?.message ?? String(error);
  return new JobSearchError(code, describe(code, message), { cause: error });
}

function classify(error: unknown): JobSearchErrorCode {
  const e = error as { code?: unknown; cause?: unknown; name?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  // SQLite (better-sqlite3 exposes the extended result code)
  if (code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'DUPLICATE_KEY';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'DB_LOCKED';
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return 'DB_UNAVAILABLE';
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR')) return 'IO_ERROR';
  // PostgreSQL SQLSTATE
  if (code === '23505') return 'DUPLICATE_KEY';
  if (code === '55P03' || code === '40P01' || code === '57014') return 'DB_LOCKED';
  if (code === '3D000' || code === '28P01' || code === '28000' || code.startsWith('08')) return 'DB_UNAVAILABLE';
  if (code === '42P01' || code === '42703') return 'DB_SCHEMA';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'ECONNRESET')
    return 'DB_UNAVAILABLE';
  if (e?.cause && e.cause !== error) return classify(e.cause);
  const text = String((error as Error)?.message ?? '');
  if (/database is locked|SQLITE_BUSY/i.test(text)) return 'DB_LOCKED';
  if (/no such table|no such column|does not exist/i.test(text)) return 'DB_SCHEMA';
  return 'DB_ERROR';
}

function describe(code: JobSearchErrorCode, message: string): string {
  switch (code) {
    case 'DB_LOCKED':
      return `The database is locked by another process (${message}). Wait for it to finish (a migration, a backup or a search run) and try again.`;
    case 'DB_UNAVAILABLE':
      return `Cannot reach the database (${message}). Check DATABASE_URL and that the database server or file is available.`;
    case 'DB_SCHEMA':
      return `The database schema is missing or behind (${message}). Run \`jobsearch-migrate init\` to create or upgrade it.`;
    case 'IO_ERROR':
      return `The database could not write to disk (${message}). Check free disk space and permissions.`;
    default:
      return message;
  }
}
