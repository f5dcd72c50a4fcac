import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo's root: the deploy script, the docs and the built CLIs are found from here. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** The built command-line programs, as `npm start` and operators run them (turbo builds them before this suite). */
export const BINS = {
  'jobsearch-migrate': join(REPO_ROOT, 'packages/migrate-cli/dist/cli.js'),
  'jobsearch-api': join(REPO_ROOT, 'packages/api/dist/cli.js'),
  'jobsearch-bench': join(REPO_ROOT, 'packages/bench/dist/cli.js'),
  'jobsearch-monitor': join(REPO_ROOT, 'packages/monitoring/dist/cli.js'),
} as const;

export type Bin = keyof typeof BINS;

for (const [name, path] of Object.entries(BINS)) {
  if (!existsSync(path)) throw new Error(`${name} is not built (${path}): run \`pnpm exec turbo run build\` first.`);
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  /** Added to a clean environment (PATH, HOME and the test's PostgreSQL URL only: nothing leaks from the shell). */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** The environment a child process gets: no DATABASE_URL, API_TOKEN or OPENAI_* from the runner's shell. */
function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'TEST_POSTGRES_URL'];
  const base = Object.fromEntries(
    keep.filter((key) => process.env[key] !== undefined).map((key) => [key, process.env[key]]),
  );
  return { ...base, NO_COLOR: '1', LOG_LEVEL: 'warn', ...extra };
}

/** Runs one of the built CLIs to its end (stdin closed: no terminal, as under cron or a deploy script). */
export function run(bin: Bin, args: readonly string[], options: RunOptions): Promise<Finished> {
  return finish(
    spawn(process.execPath, [BINS[bin], ...args], {
      cwd: options.cwd,
      env: childEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    options.timeoutMs,
  );
}

/** Runs any program (bash scripts, systemd-analyze) to its end. */
export function runProgram(file: string, args: readonly string[], options: RunOptions): Promise<Finished> {
  return finish(
    spawn(file, args, { cwd: options.cwd, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] }),
    options.timeoutMs,
  );
}

function finish(child: ChildProcess, timeoutMs = 100_000): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Throws with the child's output when it did not exit 0, so a failing step explains itself. */
export function expectSuccess(result: Finished, what: string): Finished {
  if (result.code !== 0)
    throw new Error(
      `${what} exited ${result.code ?? result.signal}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  return result;
}

export interface LongRunning {
  child: ChildProcess;
  /** stdout and stderr interleaved as they came. */
  output(): string;
  /** stdout alone (a command's --json result). */
  stdout(): string;
  /** Resolves when stdout or stderr matches `pattern`; rejects when the process ends first or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a CLI that keeps running (`serve`, `jobsearch-monitor`). */
export function start(bin: Bin, args: readonly string[], options: RunOptions): LongRunning {
  return startProgram(process.execPath, [BINS[bin], ...args], options);
}

/** Starts any program that keeps running (an installed package's bin). */
export function startProgram(file: string, args: readonly string[], options: RunOptions): LongRunning {
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: childEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  let stdout = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const listener of [...listeners]) listener();
  };
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => text,
    stdout: () => stdout,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${pattern} after ${timeoutMs} ms; output so far:\n${text}`));
        }, timeoutMs);
        const check = () => {
          const match = text.match(pattern);
          if (!match) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(match);
        };
        listeners.add(check);
        check();
        void exited.then(({ code, signal }) => {
          if (!listeners.has(check)) return;
          listeners.delete(check);
          clearTimeout(timer);
          reject(new Error(`process exited (${code ?? signal}) before ${pattern}; output:\n${text}`));
        });
      });
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        const result = await exited;
        clearTimeout(timer);
        return result;
      }
      return exited;
    },
  };
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `jobsearch-api serve` on a free loopback port and waits until /api/ready answers 200. */
export async function startApi(
  options: RunOptions & { args?: readonly string[] },
): Promise<LongRunning & { url: string }> {
  const port = await freePort();
  const api = start(
    'jobsearch-api',
    ['serve', '--port', String(port), '--host', '127.0.0.1', ...(options.args ?? [])],
    options,
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (api.child.exitCode !== null)
      throw new Error(`jobsearch-api serve exited ${api.child.exitCode}:\n${api.output()}`);
    try {
      const response = await fetch(`${url}/api/ready`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.status === 200) return { ...api, url };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await api.stop();
      throw new Error(`jobsearch-api serve was not ready within 60 s:\n${api.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
