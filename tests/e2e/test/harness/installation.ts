import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Provider } from '@jobsearchai/core';
import { createTestDatabase, type TestDatabase } from '@jobsearchai/core/testing';
import { run, type Finished } from './processes.js';

/**
 * An operator's installation in a temp folder: the working directory of every CLI (so
 * `job_matches/`, `backups/` and `reports/` land here) and its own database — an SQLite file at
 * instance/jobsearchai.db, or a fresh PostgreSQL database that cleanup() drops.
 */
export interface Installation {
  dir: string;
  provider: Provider;
  /** What --db takes. */
  db: string;
  /** SQLite only: the database file. */
  dbPath: string | null;
  path(...parts: string[]): string;
  /** Writes a file below `dir`, folders included: text as is, anything else as JSON. */
  write(path: string, content: unknown): Promise<string>;
  /** A CV file below process_cv/cv-data/ and its cv_key (computed here, not by the product). */
  writeCv(name: string, text: string): Promise<Cv>;
  /** `jobsearch-migrate <args> --db <this database>` in this installation. */
  migrateCli(...args: string[]): Promise<Finished>;
  cleanup(): Promise<void>;
}

export interface Cv {
  path: string;
  cvKey: string;
}

export async function createInstallation(provider: Provider): Promise<Installation> {
  const dir = await mkdtemp(join(tmpdir(), 'jobsearch-e2e-'));
  let database: TestDatabase | null = null;
  try {
    if (provider === 'postgresql') database = await createTestDatabase('postgresql');
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const dbPath = provider === 'sqlite' ? join(dir, 'instance', 'jobsearchai.db') : null;
  const db = database ? database.url : `file:${dbPath}`;
  const write = async (path: string, content: unknown) => {
    const full = join(dir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(
      full,
      typeof content === 'string' || content instanceof Uint8Array ? content : JSON.stringify(content, null, 2),
    );
    return full;
  };
  return {
    dir,
    provider,
    db,
    dbPath,
    path: (...parts) => join(dir, ...parts),
    write,
    async writeCv(name, text) {
      const path = await write(join('process_cv', 'cv-data', name), text);
      return { path, cvKey: cvKeyOf(await readFile(path)) };
    },
    migrateCli: (...args) => run('jobsearch-migrate', [...args, '--db', db], { cwd: dir }),
    async cleanup() {
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The legacy definition: the first 16 hex characters of the SHA-256 of the file's bytes. */
export function cvKeyOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}
