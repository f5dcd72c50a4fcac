import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ApiProcess {
  url: string;
  pid: number;
  /** Resident memory of the server process now, in MB (VmRSS). */
  rssMb(): number;
  /** Its peak resident memory so far, in MB (VmHWM). */
  peakRssMb(): number;
  /** SIGTERM and wait for the exit (SIGKILL after 10 s). */
  stop(): Promise<number | null>;
}

export interface StartApiOptions {
  cliPath: string;
  databaseUrl: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
}

const LISTENING = /listening on (http:\/\/\S+)/;

/** `node packages/api/dist/cli.js serve --port 0 --db …`, waiting for the URL it prints. */
export async function startApiProcess(options: StartApiOptions): Promise<ApiProcess> {
  const child = spawn(
    process.execPath,
    [options.cliPath, 'serve', '--port', '0', '--host', '127.0.0.1', '--db', options.databaseUrl],
    {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`The API did not start within ${options.startTimeoutMs ?? 60_000} ms.`)),
      options.startTimeoutMs ?? 60_000,
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output.push(text);
      const match = LISTENING.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    const onExit = (code: number | null) =>
      fail(new Error(`The API exited (${code}) before listening:\n${output.join('').slice(-2000)}`));
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    }
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
    child.once('error', fail);
  });
  // Keep draining the pipes so a chatty logger never blocks the server; keep only the tail.
  child.stdout!.removeAllListeners('data').on('data', () => undefined);
  child.stderr!.removeAllListeners('data').on('data', () => undefined);
  child.removeAllListeners('exit');
  const pid = child.pid!;
  return {
    url,
    pid,
    rssMb: () => statusMb(pid, 'VmRSS'),
    peakRssMb: () => statusMb(pid, 'VmHWM'),
    stop: () => stop(child),
  };
}

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : Number.NaN;
}

function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', (code) => {
      clearTimeout(kill);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}
