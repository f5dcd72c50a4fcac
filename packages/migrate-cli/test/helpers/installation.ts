import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@jobsearchai/core/testing';
import type { Provider } from '@jobsearchai/core';

/**
 * A legacy installation in a temp folder, the way an operator has it: `job_matches/`,
 * `process_cv/cv-data/` and a database (SQLite at instance/jobsearchai.db, or a fresh PostgreSQL
 * database). Removed by cleanup().
 */
export interface Installation {
  dir: string;
  provider: Provider;
  /** What --db takes. */
  db: string;
  /** SQLite only. */
  dbPath: string | null;
  /** Writes a file below `dir` (folders included): text as is, anything else as JSON. */
  write(path: string, content: unknown): Promise<string>;
  /** Writes `job_matches/<name>`. */
  writeMatches(name: string, records: unknown): Promise<string>;
  cleanup(): Promise<void>;
}

export async function createInstallation(provider: Provider = 'sqlite'): Promise<Installation> {
  const dir = await mkdtemp(join(tmpdir(), 'jobsearch-install-'));
  let database: TestDatabase | null = null;
  if (provider === 'postgresql') database = await createTestDatabase('postgresql');
  const dbPath = provider === 'sqlite' ? join(dir, 'instance', 'jobsearchai.db') : null;
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
    db: database ? database.url : `file:${dbPath}`,
    dbPath,
    write,
    writeMatches: (name, records) => write(join('job_matches', name), records),
    async cleanup() {
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function sha256File(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/** A legacy match record (snake_case, absolute URL) with posting id `n`. */
export function legacyRecord(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    job_title: `Informatiker/in EFZ ${n}`,
    company_name: 'Muster AG',
    location: '9000 St. Gallen',
    application_url: `https://www.ostjob.ch/job/informatiker-efz/${1_050_000 + n}`,
    overall_match: (n % 10) + 1,
    skills_match: 7,
    experience_match: 8,
    location_compatibility: 'Yes',
    reasoning: `Die Stelle ${n} passt gut zum Profil.`,
    cv_path: 'input/Lebenslauf.pdf',
    ...overrides,
  };
}

export function urlOf(n: number): string {
  return `https://www.ostjob.ch/job/informatiker-efz/${1_050_000 + n}`;
}
