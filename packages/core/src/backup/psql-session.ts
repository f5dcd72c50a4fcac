import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { toolTarget } from './postgres-tools.js';

/**
 * One psql session fed step by step through its stdin: a transaction can be opened, waited on
 * (an `\echo` marker on stdout), continued with a pg_restore script, and committed, all on one
 * connection. ON_ERROR_STOP makes the first error end psql, which rolls the transaction back.
 */
export class PsqlSession {
  readonly #child: ChildProcessWithoutNullStreams;
  #stdout = '';
  #stderr = '';
  readonly #exited: Promise<number | null>;
  #listeners: (() => void)[] = [];

  constructor(psql: string, url: string, env: NodeJS.ProcessEnv) {
    const target = toolTarget(url, env);
    this.#child = spawn(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--no-password', target.dbname], {
      env: target.env,
      stdio: 'pipe',
    });
    // psql gone (an error stopped it) while we still write: the exit code tells what happened.
    this.#child.stdin.on('error', () => undefined);
    const notify = () => {
      for (const listener of [...this.#listeners]) listener();
    };
    this.#child.stdout.on('data', (chunk: Buffer) => {
      this.#stdout += chunk.toString();
      notify();
    });
    this.#child.stderr.on('data', (chunk: Buffer) => {
      this.#stderr += chunk.toString();
    });
    this.#exited = new Promise((resolve) => {
      this.#child.on('error', (error) => {
        this.#stderr += error.message;
        resolve(null);
      });
      this.#child.on('close', (code) => {
        resolve(code);
        notify();
      });
    });
  }

  get stdin(): NodeJS.WritableStream {
    return this.#child.stdin;
  }

  get stderr(): string {
    return this.#stderr.trim();
  }

  send(text: string): void {
    this.#child.stdin.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Resolves once psql printed `marker`; rejects with psql's error output if it ended first. */
  waitFor(marker: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const check = () => {
        if (done || !this.#stdout.includes(marker)) return;
        done = true;
        this.#listeners = this.#listeners.filter((listener) => listener !== check);
        resolve();
      };
      this.#listeners.push(check);
      check();
      void this.#exited.then((code) => {
        check();
        if (done) return;
        done = true;
        reject(Object.assign(new Error(`psql ended (exit ${code})`), { stderr: this.stderr }));
      });
    });
  }

  /** Closes stdin and waits for psql; a non-zero exit rejects with its error output. */
  async end(): Promise<void> {
    this.#child.stdin.end();
    const code = await this.#exited;
    if (code !== 0) throw Object.assign(new Error(`psql ended (exit ${code})`), { stderr: this.stderr });
  }

  /** Ends the session without committing: the open transaction rolls back. */
  async abort(): Promise<void> {
    if (this.#child.exitCode === null) this.#child.kill('SIGTERM');
    await this.#exited;
  }
}
