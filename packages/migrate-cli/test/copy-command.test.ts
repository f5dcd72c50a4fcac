import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '@jobsearchai/core/cli';
import {
  createLegacySqliteDatabase,
  createTestDatabase,
  postgresTestUrl,
  type TestDatabase,
} from '@jobsearchai/core/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { init } from '../src/commands/init.js';
import { migrate } from '../src/commands/migrate.js';
import { createInstallation, legacyRecord, type Installation } from './helpers/installation.js';
import { assertBuiltCli, runCli } from './helpers/run-cli.js';

const CV_KEY = '0123456789abcdef';
const withPostgres = postgresTestUrl() ? describe : describe.skip;

interface CopyJson {
  ok: boolean;
  totalRows: number;
  source: { adopted: boolean };
  plan: { table: string; rows: number }[];
  parity: {
    ok: boolean;
    tables: { table: string; sourceChecksum: string; targetChecksum: string; match: boolean }[];
  } | null;
  reports: { json: string; markdown: string } | null;
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('jobsearch-migrate copy', () => {
  beforeAll(() => assertBuiltCli());
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** An installation whose SQLite database holds what `migrate` imported from legacy files. */
  async function importedInstallation(): Promise<Installation> {
    const install = await createInstallation('sqlite');
    cleanups.push(() => install.cleanup());
    await init({ cwd: install.dir, db: install.db });
    await install.writeMatches(
      'job_matches_20250101_080000.json',
      Array.from({ length: 40 }, (_, n) => legacyRecord(n, { reasoning: `Zeile ${n}\n\tmit "Zitat" und \\` })),
    );
    await install.writeMatches('job_matches_20250102_080000.json', [
      legacyRecord(50, { overall_match: 0, reasoning: 'Error evaluating match' }),
      legacyRecord(51),
    ]);
    await migrate({ cwd: install.dir, db: install.db, searchTerm: 'IT', cvKey: CV_KEY, backup: false, yes: true });
    return install;
  }

  async function database(provider: 'sqlite' | 'postgresql'): Promise<TestDatabase> {
    const db = await createTestDatabase(provider);
    cleanups.push(() => db.drop());
    return db;
  }

  const copy = (install: Installation, args: string[]) => runCli(['copy', ...args], { cwd: install.dir });

  it('--dry-run prints the plan and changes nothing; errors are one line with exit 2', async () => {
    const install = await importedInstallation();
    const target = await database('sqlite');
    const before = sha256(install.dbPath!);
    const dry = await copy(install, ['--from', install.db, '--to', target.url, '--dry-run']);
    expect(dry.code).toBe(EXIT_OK);
    expect(dry.stdout).toMatch(/^Dry run, nothing changed: copying \d+ rows in \d+ tables/);
    expect(dry.stdout).toMatch(/job_matches\s+42\s+-/);
    expect(existsSync(target.path!)).toBe(false);
    expect(sha256(install.dbPath!)).toBe(before);

    const same = await copy(install, ['--from', install.db, '--to', install.dbPath!]);
    expect(same.code).toBe(EXIT_USAGE);
    expect(same.stderr.trim().split('\n')).toHaveLength(1);
    expect(same.stderr).toContain('the same database');
    const missing = await copy(install, ['--from', 'nowhere.db', '--to', target.url]);
    expect(missing.code).toBe(EXIT_USAGE);
    expect(missing.stderr).toMatch(/--from: no database at/);
  });

  it('copies SQLite to SQLite, writes the report, refuses the now non-empty target without --force', async () => {
    const install = await importedInstallation();
    const target = await database('sqlite');
    const run = await copy(install, ['--from', install.db, '--to', target.url, '--json']);
    expect(run.code, run.stderr).toBe(EXIT_OK);
    const result = JSON.parse(run.stdout) as CopyJson;
    expect(result.parity?.ok).toBe(true);
    expect(result.plan.find((entry) => entry.table === 'legacy_imports')?.rows).toBe(2);
    expect(existsSync(result.reports!.markdown)).toBe(true);
    expect(await readFile(result.reports!.markdown, 'utf8')).toContain('## Parity');
    expect((await readdir(join(install.dir, 'reports'))).filter((name) => name.startsWith('copy_'))).toHaveLength(2);

    const again = await copy(install, ['--from', install.db, '--to', target.url]);
    expect(again.code).toBe(EXIT_USAGE);
    expect(again.stderr).toMatch(/is not empty .*--force/);
    const dry = await copy(install, ['--from', install.db, '--to', target.url, '--dry-run']);
    expect(dry.code).toBe(EXIT_FAILED);
    expect(dry.stdout).toContain('would be refused');
    const forced = await copy(install, ['--from', install.db, '--to', target.url, '--force']);
    expect(forced.code, forced.stderr).toBe(EXIT_OK);
    expect(forced.stdout).toContain('parity verified');
  });

  withPostgres('on PostgreSQL', () => {
    it('SQLite → PostgreSQL → SQLite keeps every checksum', async () => {
      const install = await importedInstallation();
      const pg = await database('postgresql');
      const back = await database('sqlite');
      const there = await copy(install, ['--from', install.db, '--to', pg.url, '--json']);
      expect(there.code, there.stderr).toBe(EXIT_OK);
      const returned = await copy(install, ['--from', pg.url, '--to', back.url, '--json']);
      expect(returned.code, returned.stderr).toBe(EXIT_OK);
      const sums = (json: string) =>
        Object.fromEntries((JSON.parse(json) as CopyJson).parity!.tables.map((t) => [t.table, t.targetChecksum]));
      expect(sums(returned.stdout)).toEqual(sums(there.stdout));
      expect(Object.keys(sums(there.stdout))).toContain('legacy_import_rows');
    });

    it('copies a legacy database straight into PostgreSQL without touching it', async () => {
      const install = await createInstallation('sqlite');
      cleanups.push(() => install.cleanup());
      const { mkdirSync } = await import('node:fs');
      mkdirSync(join(install.dir, 'instance'), { recursive: true });
      createLegacySqliteDatabase(install.dbPath!, { matches: 60 });
      const before = sha256(install.dbPath!);
      const pg = await database('postgresql');
      const run = await copy(install, ['--from', install.db, '--to', pg.url, '--json']);
      expect(run.code, run.stderr).toBe(EXIT_OK);
      const result = JSON.parse(run.stdout) as CopyJson;
      expect(result.source.adopted).toBe(true);
      expect(result.parity?.ok).toBe(true);
      expect(result.plan.find((entry) => entry.table === 'job_matches')?.rows).toBe(60);
      expect(sha256(install.dbPath!)).toBe(before);
      const status = await runCli(['status', '--db', pg.url, '--json'], { cwd: install.dir });
      expect(JSON.parse(status.stdout)).toMatchObject({ schema: { current: true } });
    });
  });
});
