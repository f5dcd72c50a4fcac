import { execFile } from 'node:child_process';

/**
 * The migrations a pg_dump archive's `_prisma_migrations` records as applied (finished, not
 * rolled back), read from the archive's data without a database; null when the archive has no
 * migrations table.
 */
export function archiveMigrations(pgRestore: string, file: string, env: NodeJS.ProcessEnv): Promise<string[] | null> {
  return new Promise((resolve, reject) => {
    execFile(
      pgRestore,
      ['--data-only', '--table=_prisma_migrations', '--file=-', file],
      { env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(Object.assign(error, { stderr: String(stderr).trim() }));
        else resolve(parseCopy(String(stdout)));
      },
    );
  });
}

function parseCopy(script: string): string[] | null {
  const lines = script.split('\n');
  const start = lines.findIndex((line) => /^COPY \S*_prisma_migrations \(/.test(line));
  if (start < 0) return null;
  const columns = /\(([^)]*)\)/
    .exec(lines[start]!)![1]!
    .split(',')
    .map((name) => name.trim().replaceAll('"', ''));
  const name = columns.indexOf('migration_name');
  const finished = columns.indexOf('finished_at');
  const rolledBack = columns.indexOf('rolled_back_at');
  const applied: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === '\\.') break;
    const fields = line.split('\t');
    if (fields[finished] === '\\N' || fields[rolledBack] !== '\\N') continue;
    applied.push(fields[name]!);
  }
  return applied;
}
