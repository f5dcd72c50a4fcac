import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseLocation } from '@jobsearchai/core';

/**
 * Which database a state file belongs to, without secrets: the SQLite file's real path, or the
 * PostgreSQL server, port, database and schema (never the user or password). Two agents watching
 * two databases must never share alert state, even from the same folder.
 */
export function databaseIdentity(location: DatabaseLocation): string {
  if (location.provider === 'sqlite') {
    let path = location.path;
    try {
      path = realpathSync(path);
    } catch {
      // Not there (yet): the resolved path still names it; the collection alert says it is missing.
    }
    return `sqlite:${path}`;
  }
  const url = new URL(location.url);
  const schema = url.searchParams.get('schema');
  return `postgresql://${url.hostname.toLowerCase()}:${url.port || '5432'}/${location.database}${schema ? `?schema=${schema}` : ''}`;
}

/** `jobsearch-monitor.<12 hex digits of the identity's SHA-256>.state.json`: one file per database. */
export function stateFileName(identity: string): string {
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 12);
  return `jobsearch-monitor.${hash}.state.json`;
}

/** `$XDG_STATE_HOME/jobsearchai`, else `~/.local/state/jobsearchai`: where per-user state belongs. */
export function stateHome(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_STATE_HOME?.trim() || join(env.HOME?.trim() || homedir(), '.local', 'state');
  return join(base, 'jobsearchai');
}
