import { execFile } from 'node:child_process';
import { JobSearchError } from '../errors.js';
import { findExecutable } from './find-executable.js';

export type PostgresTool = 'pg_dump' | 'pg_restore' | 'psql';

/** Where a PostgreSQL client tool is, or a DB_UNAVAILABLE error that says how to install it. */
export function requirePostgresTool(tool: PostgresTool, env: NodeJS.ProcessEnv): string {
  const path = findExecutable(tool, env.PATH);
  if (path) return path;
  throw new JobSearchError(
    'DB_UNAVAILABLE',
    `${tool} is not installed (not found on PATH), and PostgreSQL backups and restores need it. Install the PostgreSQL client tools of the server's major version or newer (Debian/Ubuntu: \`apt-get install postgresql-client\`; macOS: \`brew install libpq\`) and run again. Nothing was changed.`,
    { details: { tool } },
  );
}

/**
 * Runs a client tool against `url` without putting the password on the command line, where
 * every user of the machine could read it in the process list.
 */
export function runPostgresTool(
  executable: string,
  args: readonly string[],
  url: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const target = toolTarget(url, env);
  return execTool(executable, [...args, target.dbname], target.env);
}

/** `--dbname=` without the password, and the environment that carries it (PGPASSWORD). */
export function toolTarget(url: string, env: NodeJS.ProcessEnv): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: `--dbname=${parsed.toString()}`, env: { ...env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Lists an archive's table of contents (pg_restore --list); no database involved. */
export function listArchive(pgRestore: string, file: string, env: NodeJS.ProcessEnv): Promise<string> {
  return execTool(pgRestore, ['--list', file], env);
}

function execTool(executable: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(executable, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr: String(stderr).trim() }));
      else resolve(String(stdout));
    });
  });
}

/** The tables an archive's table of contents names. */
export function archiveTables(toc: string): string[] {
  const tables = new Set<string>();
  for (const line of toc.split('\n')) {
    const match = /^\d+;\s+\d+\s+\d+\s+TABLE\s+(?!DATA\s)\S+\s+(\S+)\s/.exec(line);
    if (match) tables.add(match[1]!);
  }
  return [...tables].sort();
}

export function toolFailure(tool: PostgresTool, error: unknown): JobSearchError {
  const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim() || (error as Error).message;
  const unreachable = /could not connect|connection to server|password authentication|does not exist/i.test(stderr);
  return new JobSearchError(
    unreachable ? 'DB_UNAVAILABLE' : 'DB_ERROR',
    `${tool} failed: ${stderr.split('\n').slice(0, 5).join(' ')}`,
    { cause: error, details: { tool } },
  );
}
