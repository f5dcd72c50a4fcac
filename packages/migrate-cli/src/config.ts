import { loadCoreEnv, redactUrl, resolveDatabaseUrl, type DatabaseLocation } from '@jobsearchai/core';

/** Options every command takes: where it runs and which database it works on. */
export interface CommonOptions {
  /** Base of every relative path (folders, --db file, reports). */
  cwd: string;
  /** Database URL or SQLite path; overrides DATABASE_URL. */
  db?: string;
  /** The environment DATABASE_URL is read from (validated by core's loadCoreEnv); default the process's. */
  env?: NodeJS.ProcessEnv;
}

export interface DatabaseTarget {
  /** As given: what core's openStore and backupDatabase take. */
  url: string | undefined;
  location: DatabaseLocation;
  /** Printable: the file, or the URL without its password. */
  display: string;
}

/** `--db` wins over DATABASE_URL; neither means the embedded default `instance/jobsearchai.db`. */
export function databaseTarget(options: CommonOptions): DatabaseTarget {
  const url = options.db ?? loadCoreEnv(options.env ?? process.env).DATABASE_URL;
  const location = resolveDatabaseUrl(url, options.cwd);
  return { url, location, display: location.provider === 'sqlite' ? location.path : redactUrl(location.url) };
}
