import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { init } from '../src/commands/init.js';
import { migrate } from '../src/commands/migrate.js';
import { printMigrate } from '../src/output/print-migrate.js';
import type { Prompter } from '../src/prompts.js';
import { writeLegacyFiles } from './helpers/legacy-data.js';
import { createInstallation, legacyRecord, type Installation } from './helpers/installation.js';
import { assertBuiltCli, runCli } from './helpers/run-cli.js';
import { scriptedPrompter } from './helpers/scripted-prompter.js';
import { join } from 'node:path';

vi.setConfig({ testTimeout: 120_000 });

const CV_KEY = '0123456789abcdef';

beforeAll(() => {
  assertBuiltCli();
});

function widest(text: string): number {
  return Math.max(...text.split('\n').map((line) => line.length));
}

describe('the migrate summary in a terminal', () => {
  let install: Installation;
  beforeEach(async () => {
    install = await createInstallation();
    await init({ cwd: install.dir, db: install.db });
    await writeLegacyFiles(join(install.dir, 'job_matches'), { files: 3, recordsPerFile: 40 });
    await install.writeMatches('job_matches_20250201_083000.json', [
      legacyRecord(1),
      legacyRecord(1),
      legacyRecord(2, {
        overall_match: 11,
        job_title: 'Leiter/in Informatik und Digitalisierung (80–100 %), befristet',
      }),
    ]);
  });
  afterEach(async () => {
    await install.cleanup();
  });

  it('fits 80 and 120 columns, and shows the whole table where it fits', async () => {
    const result = await migrate({
      cwd: install.dir,
      db: install.db,
      searchTerm: 'IT-typ-festanstellung',
      cvKey: CV_KEY,
    });
    expect(result.totals).toMatchObject({ files: 4, migrated: 121, rejected: 1 });

    const narrow = printMigrate(result, 80);
    expect(widest(narrow)).toBeLessThanOrEqual(80);
    // Every file, its answers and its counts are still there.
    expect(narrow).toContain('job_matches_20250201_083000.json: imported');
    expect(narrow).toContain('search term IT-typ-festanstellung, cv_key 0123456789abcdef');
    expect(narrow).toContain('3 records: 1 migrated, 1 duplicates (1 in the file), 1 rejected');
    expect(narrow).toContain('record 3 (Leiter/in Informatik und Digitalisierung (80–100 …)');
    expect(widest(printMigrate(result, 120))).toBeLessThanOrEqual(120);

    const wide = printMigrate(result, 200);
    expect(wide).toMatch(/^File +Status +Search term +cv_key +Records +Migrated +Duplicates/);
    expect(widest(wide)).toBeLessThanOrEqual(200);
  });

  it('the built CLI writes 80 columns to a pipe', async () => {
    const run = await runCli(
      ['migrate', '--search-term', 'IT', '--cv-key', CV_KEY, '--db', install.db, '--no-backup'],
      { cwd: install.dir },
    );
    expect(run.code).toBe(1); // a record was rejected
    expect(run.stdout).toContain('Finished with errors: 121 records migrated in ');
    expect(widest(run.stdout)).toBeLessThanOrEqual(80);
  });

  it('leaves the time spent at prompts out of the duration and the records/s', async () => {
    // A clock the prompts move a minute forward per answer, as a person typing slowly would.
    let typing = 0;
    const clock = () => performance.now() + typing;
    const script = scriptedPrompter({ answers: [[/^Import 4 file\(s\)/, true]] });
    const slow: Prompter = {
      ask: async (config) => {
        typing += 60_000;
        return script.ask(config);
      },
      confirm: async (config) => {
        typing += 60_000;
        return script.confirm(config);
      },
      choose: async (config) => {
        typing += 60_000;
        return script.choose(config);
      },
    };
    const result = await migrate({
      cwd: install.dir,
      db: install.db,
      searchTerm: 'IT',
      cvKey: CV_KEY,
      prompter: slow,
      clock,
    });
    expect(typing).toBe(60_000);
    expect(result.totals.migrated).toBe(121);
    expect(result.durationMs).toBeLessThan(60_000);
    expect(result.recordsPerSecond).toBeGreaterThan(2); // 121 records in under a minute
  });
});
