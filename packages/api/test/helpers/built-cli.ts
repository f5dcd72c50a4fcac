import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the CLI from the current sources into a private folder of test-artifacts/ (so the test
 * never runs a stale dist/, and parallel test files do not share one), dependencies external.
 */
export async function buildCli(): Promise<{ path: string; remove(): void }> {
  const outDir = `${PACKAGE_DIR}test-artifacts/cli-${process.pid}-${randomBytes(3).toString('hex')}`;
  await build({
    // Laid out as shipped: the bin loads program.js only after its Node version check.
    entry: { cli: `${PACKAGE_DIR}src/cli.ts`, program: `${PACKAGE_DIR}src/program.ts` },
    external: ['./program.js'],
    outDir,
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: false,
    sourcemap: false,
    clean: true,
    silent: true,
    config: false,
  });
  return { path: `${outDir}/cli.js`, remove: () => rmSync(outDir, { recursive: true, force: true }) };
}

export interface CliProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout/stderr text matching `pattern` (rejects if the process ends first). */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr'): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function runCli(cli: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): CliProcess {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    stdio: 'pipe',
  });
  let out = '';
  let err = '';
  const listeners: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const listener of [...listeners]) listener();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    for (const listener of [...listeners]) listener();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern, stream = 'stdout') {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = (stream === 'stdout' ? out : err).match(pattern);
          if (!match) return;
          listeners.splice(listeners.indexOf(check), 1);
          resolve(match);
        };
        listeners.push(check);
        check();
        void exited.then(({ code }) => {
          if (listeners.includes(check))
            reject(new Error(`process exited (${code}) before ${pattern}; stdout: ${out}\nstderr: ${err}`));
        });
      });
    },
  };
}
