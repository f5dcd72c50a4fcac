import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { BASELINE_MIGRATION, loadMigrations, openStore } from '@jobsearchai/core/store';
import { testProviders, testSql } from '@jobsearchai/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backup } from '../src/commands/backup.js';
import { init } from '../src/commands/init.js';
import { migrate } from '../src/commands/migrate.js';
import { restore } from '../src/commands/restore.js';
import { status } from '../src/commands/status.js';
import { validate } from '../src/commands/validate.js';
import { createInstallation, legacyRecord, urlOf, type Installation } from './helpers/installation.js';
import { scriptedPrompter } from './helpers/scripted-prompter.js';

const CV_KEY = '0123456789abcdef';

/** A database as the legacy installation made it: its schema (the baseline migration) and no migrations table. */
async function createLegacyDatabase(install: Installation): Promise<void> {
  const store = await openStore({ url: install.db, create: true });
  await testSql(store).script(loadMigrations('sqlite').find((m) => m.name === BASELINE_MIGRATION)!.sql);
  await testSql(store).execute(
    `INSERT INTO job_matches (job_url, search_term, cv_key, overall_match, scraped_data, scraped_at, matched_at) VALUES (?, 'IT', ?, 7, '{}', '2025-11-02T13:15:24.700803', '2025-11-02 12:15:24')`,
    [urlOf(100), CV_KEY],
  );
  await store.close();
}

describe.each(testProviders())('init, status, validate, backup and restore (%s)', (provider) => {
  let install: Installation;
  beforeEach(async () => {
    install = await createInstallation(provider);
  });
  afterEach(async () => {
    await install.cleanup();
  });

  it('init creates the schema, is idempotent, and status describes the database', async () => {
    const first = await init({ cwd: install.dir, db: install.db });
    expect(first).toMatchObject({ created: true, adopted: false, backup: null });
    expect(first.applied.length).toBeGreaterThan(0);
    expect(await init({ cwd: install.dir, db: install.db })).toMatchObject({
      created: false,
      applied: [],
      backup: null,
    });

    const report = await status({ cwd: install.dir, db: install.db });
    expect(report).toMatchObject({
      provider,
      schema: { current: true, pending: [] },
      counts: { jobMatches: 0 },
      lastBackup: null,
      lastImport: null,
      imports: { files: 0 },
    });
    expect(report.sizeBytes).toBeGreaterThan(0);
  });

  it('validate passes after a migration, and fails on a deleted row and on a modified score', async () => {
    await init({ cwd: install.dir, db: install.db });
    await install.writeMatches('job_matches_20250101_080000.json', [legacyRecord(1), legacyRecord(2), legacyRecord(3)]);
    await migrate({ cwd: install.dir, db: install.db, searchTerm: 'IT', cvKey: CV_KEY, backup: false });

    const clean = await validate({ cwd: install.dir, db: install.db, sample: 10, seed: 1 });
    expect(clean).toMatchObject({ ok: true, discrepancies: 0, sample: { compared: 3 } });
    expect(await readFile(clean.reports.markdown, 'utf8')).toContain('Result: OK, no discrepancies');

    const store = await openStore({ url: install.db, create: false });
    await testSql(store).execute('DELETE FROM job_matches WHERE job_url = ?', [urlOf(1)]);
    await testSql(store).execute('UPDATE job_matches SET overall_match = 9 WHERE job_url = ?', [urlOf(2)]);
    await store.close();
    const broken = await validate({ cwd: install.dir, db: install.db, sample: 10, report: 'reports/after-edit' });
    expect(broken).toMatchObject({ ok: false, discrepancies: 2 });
    expect(broken.files[0]!.missingKeys.keys).toEqual([urlOf(1)]);
    expect(broken.sample.mismatches[0]).toMatchObject({
      jobUrl: urlOf(2),
      differences: [{ field: 'overall_match', expected: '3', actual: '9' }],
    });
    expect(broken.reports.json.endsWith('reports/after-edit.json')).toBe(true);
    const markdown = await readFile(broken.reports.markdown, 'utf8');
    expect(markdown).toContain(`1 record(s) without a row: ${urlOf(1)}`);
    expect(markdown).toContain('overall_match 3 → 9');
  });

  it('backup → restore round trip; restore asks first and needs --yes without a terminal', async () => {
    await init({ cwd: install.dir, db: install.db });
    await install.writeMatches('job_matches_20250101_080000.json', [legacyRecord(1), legacyRecord(2)]);
    await migrate({ cwd: install.dir, db: install.db, searchTerm: 'IT', cvKey: CV_KEY, backup: false });
    const saved = await backup({ cwd: install.dir, db: install.db });
    expect(saved.path.startsWith(`${install.dir}/backups/`)).toBe(true);
    await install.writeMatches('job_matches_20250102_080000.json', [legacyRecord(3)]);
    await migrate({ cwd: install.dir, db: install.db, searchTerm: 'IT', cvKey: CV_KEY, backup: false });

    await expect(restore({ cwd: install.dir, db: install.db, file: saved.path })).rejects.toThrow(/pass --yes/);
    const declined = scriptedPrompter({ answers: [[/^Replace .* with .*backed up first/, false]] });
    const shown: string[] = [];
    const show = (text: string) => shown.push(`${text}\n(asked ${declined.asked.length} question(s) so far)`);
    await expect(
      restore({ cwd: install.dir, db: install.db, file: saved.path, prompter: declined, show }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    // Before the question: what the backup holds next to the database it would replace.
    expect(shown).toHaveLength(1);
    const lines = shown[0]!.split('\n');
    expect(lines[0]).toMatch(/^ +backup +current database$/);
    expect(lines[2]).toMatch(provider === 'sqlite' ? /^job matches +2 +3$/ : /^job matches +in the archive +3$/);
    expect(lines[3]).toMatch(provider === 'sqlite' ? /^search runs +0 +0$/ : /^search runs +in the archive +0$/);
    expect(lines[4]).toMatch(/^newest evaluation +\S.* +\d{4}-\d{2}-\d{2}/);
    expect(lines[5]).toMatch(/^schema version +(\d{14}_\S+|in the archive) +\d{14}_\S+$/);
    expect(shown[0]).toContain('(asked 0 question(s) so far)');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(80);
    if (provider === 'postgresql') expect(shown[0]).toContain('The backup is a pg_dump archive');
    expect((await status({ cwd: install.dir, db: install.db })).counts?.jobMatches).toBe(3);

    const confirmed = scriptedPrompter({ answers: [[/^Replace /, true]] });
    const result = await restore({ cwd: install.dir, db: install.db, file: saved.path, prompter: confirmed });
    expect(result).toMatchObject({ restoredFrom: saved.path, jobMatches: 2 });
    const latest = (await status({ cwd: install.dir, db: install.db })).schema.latest;
    expect(result.before).toEqual({
      backup:
        provider === 'sqlite'
          ? { jobMatches: 2, searchRuns: 0, newestEvaluation: expect.any(String), schemaVersion: latest, legacy: false }
          : null,
      current: {
        jobMatches: 3,
        searchRuns: 0,
        newestEvaluation: expect.any(String),
        schemaVersion: latest,
        legacy: false,
      },
    });
    const after = await status({ cwd: install.dir, db: install.db });
    expect(after.counts?.jobMatches).toBe(2);
    expect(after.imports).toMatchObject({ files: 1 });
    expect(after.lastBackup?.path).toBe(result.previousBackup);
  });
});

// The legacy installation only ever ran on SQLite.
describe('init on a legacy database', () => {
  let install: Installation;
  beforeEach(async () => {
    install = await createInstallation('sqlite');
  });
  afterEach(async () => {
    await install.cleanup();
  });

  it('init adopts a legacy database in place after backing it up, keeping its rows', async () => {
    await createLegacyDatabase(install);
    const before = await status({ cwd: install.dir, db: install.db });
    expect(before).toMatchObject({ schema: { legacy: true, current: false }, counts: null });

    const result = await init({ cwd: install.dir, db: install.db });
    expect(result).toMatchObject({ adopted: true, created: false });
    expect(existsSync(result.backup!)).toBe(true);
    const after = await status({ cwd: install.dir, db: install.db });
    expect(after).toMatchObject({
      schema: { current: true, legacy: false },
      counts: { jobMatches: 1 },
      lastBackup: { path: result.backup },
    });
  });
});
