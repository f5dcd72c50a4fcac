import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isSupportedNode } from '../cli/node-version.js';

export interface BinRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunBinOptions {
  /** The node binary; default the one running the tests. */
  node?: string;
  /** Options for node before the script, e.g. `AS_IF_NODE_20`. */
  nodeOptions?: readonly string[];
  cwd?: string;
}

/** Runs a built bin file in a child process and collects its output. */
export function runBin(bin: string, args: readonly string[], options: RunBinOptions = {}): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.node ?? process.execPath, [...(options.nodeOptions ?? []), bin, ...args], {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Makes the Node running the bin report version 20.20.2 before the bin loads, so the version
 * guard can be tested on any machine; `olderNode()` finds a real one where there is one.
 */
export const AS_IF_NODE_20: readonly string[] = [
  '--import',
  'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"20.20.2"})',
];

/** A node binary older than 22.12 on this machine (the system Node 20 of the CI images), or null. */
export function olderNode(candidates: readonly string[] = ['/usr/bin/node', '/usr/local/bin/node']): string | null {
  for (const candidate of candidates) {
    try {
      const version = execFileSync(candidate, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
      if (!isSupportedNode(version)) return candidate;
    } catch {
      // Not installed here: try the next one.
    }
  }
  return null;
}

/** The modules a built ESM file imports statically (what loads before its first statement runs). */
export function staticImports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/gm)].map(
    (match) => match[1]!,
  );
}
