import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(PACKAGE, 'dist', 'cli.js');

/** End-to-end tests run the built CLI; a build older than the sources would test old code. */
export function assertBuiltCli(): void {
  let built: number;
  try {
    built = statSync(CLI).mtimeMs;
  } catch {
    throw new Error(`${CLI} is missing: build it first (cd packages/migrate-cli && pnpm exec tsup).`);
  }
  const newest = Math.max(...sourceFiles(join(PACKAGE, 'src')).map((file) => statSync(file).mtimeMs));
  if (newest > built)
    throw new Error(`${CLI} is older than src/: rebuild it (cd packages/migrate-cli && pnpm exec tsup).`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  /** Replaces the environment's variables of the same name. */
  env?: NodeJS.ProcessEnv;
}

/** The environment a CLI child gets: no DATABASE_URL from the test runner's shell. */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return { ...rest, NO_COLOR: '1', ...extra };
}

export function spawnCli(args: readonly string[], options: CliOptions): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: cliEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the CLI to its end, stdin closed (no terminal). */
export function runCli(args: readonly string[], options: CliOptions): Promise<CliRun> {
  return collect(spawnCli(args, options));
}

export function collect(child: ChildProcess): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
