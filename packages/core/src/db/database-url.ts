import { isAbsolute, resolve } from 'node:path';
import { JobSearchError } from '../errors.js';
import type { Provider } from './sql-driver.js';

/** Where the embedded default database lives, relative to the working directory. */
export const DEFAULT_SQLITE_PATH = 'instance/jobsearchai.db';

export type DatabaseLocation =
  | { provider: 'sqlite'; path: string; url: string }
  | { provider: 'postgresql'; url: string; database: string };

/**
 * Accepts `file:/abs/x.db`, `file:./rel.db`, `file:rel.db`, a plain path, `postgresql://…` or
 * `postgres://…`; nothing means the embedded default. Relative paths resolve against `cwd`.
 */
export function resolveDatabaseUrl(url: string | undefined, cwd: string = process.cwd()): DatabaseLocation {
  const raw = url?.trim() || `file:${DEFAULT_SQLITE_PATH}`;
  if (/^postgres(ql)?:\/\//i.test(raw)) {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch (cause) {
      throw new JobSearchError('INVALID_INPUT', `DATABASE_URL is not a valid PostgreSQL URL (${redactUrl(raw)}).`, {
        cause,
      });
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (!database) {
      throw new JobSearchError(
        'INVALID_INPUT',
        `DATABASE_URL names no database (${redactUrl(raw)}): add it as the path, e.g. postgresql://user@host:5432/jobsearchai.`,
      );
    }
    return { provider: 'postgresql', url: raw, database };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) && !raw.startsWith('file:')) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `Unsupported DATABASE_URL scheme in ${redactUrl(raw)}: use file:/path/to/db.sqlite or postgresql://…`,
    );
  }
  const path = raw.replace(/^file:(\/\/)?/, '');
  if (path === '' || path === ':memory:') {
    throw new JobSearchError(
      'INVALID_INPUT',
      'DATABASE_URL must name a database file, e.g. file:instance/jobsearchai.db.',
    );
  }
  const absolute = isAbsolute(path) ? path : resolve(cwd, path);
  return { provider: 'sqlite', path: absolute, url: `file:${absolute}` };
}

export function providerOf(url: string | undefined): Provider {
  return resolveDatabaseUrl(url).provider;
}

/** A URL safe to print: the password is replaced. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
