import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openStore, type Store } from '@jobsearchai/core/store';
import { testProviders } from '@jobsearchai/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { init } from '../src/commands/init.js';
import { migrate } from '../src/commands/migrate.js';
import { printMigrate } from '../src/output/print-migrate.js';
import { createInstallation, legacyRecord, sha256File, urlOf, type Installation } from './helpers/installation.js';

const FIRST = 'job_matches_20250101_080000.json';
const SECOND = 'job_matches_20250201_080000.json';

async function withStore<T>(install: Installation, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ url: install.db, create: false });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

describe.each(testProviders())('migrate command (%s)', (provider) => {
  let install: Installation;
  beforeEach(async () => {
    install = await createInstallation(provider);
    await init({ cwd: install.dir, db: install.db });
    await install.writeMatches(FIRST, [
      legacyRecord(1),
      { 'Job Title': 'Köchin', 'Application URL': '/job/koechin/1050002', 'Overall Match': '8/10', Location: 'Zürich' },
      legacyRecord(3, { overall_match: 0, reasoning: 'Error evaluating match' }),
      legacyRecord(1, { overall_match: 9 }),
      legacyRecord(5, { application_url: null }),
      legacyRecord(6, { overall_match: -1 }),
    ]);
    await install.writeMatches(SECOND, [
      legacyRecord(1),
      legacyRecord(7),
      legacyRecord(8, { reasoning: 'Sehr gute Übereinstimmung ✓' }),
    ]);
    await install.write('process_cv/cv-data/input/Lebenslauf.pdf', 'Lebenslauf Muster');
  });
  afterEach(async () => {
    await install.cleanup();
  });

  it('imports every file with the answers from flags, backs up first and writes the report', async () => {
    const result = await migrate({
      cwd: install.dir,
      db: install.db,
      searchTerm: 'IT',
      cv: 'process_cv/cv-data/input/Lebenslauf.pdf',
    });

    expect(
      result.files.map((f) => [
        f.fileName,
        f.status,
        f.records,
        f.migrated,
        f.duplicates,
        f.duplicatesWithinFile,
        f.rejected,
      ]),
    ).toEqual([
      [FIRST, 'imported', 6, 3, 1, 1, 2],
      [SECOND, 'imported', 3, 2, 1, 0, 0],
    ]);
    expect(result.ok).toBe(false); // two records were rejected
    expect(result.totals).toMatchObject({
      files: 2,
      records: 9,
      migrated: 5,
      duplicates: 2,
      rejected: 2,
      failedEvaluations: 1,
    });
    expect(result.backup).toMatch(provider === 'sqlite' ? /backups\/jobsearchai_backup_\d{8}_\d{6}\.db$/ : /\.dump$/);
    expect(existsSync(result.backup!)).toBe(true);

    const report = JSON.parse(await readFile(result.reports!.json, 'utf8'));
    expect(report.files[0].rejections).toEqual([
      {
        index: 4,
        title: 'Informatiker/in EFZ 5',
        reason: expect.stringMatching(/application_url: null|no posting URL/),
      },
      { index: 5, title: 'Informatiker/in EFZ 6', reason: expect.stringMatching(/out of range/) },
    ]);
    const markdown = await readFile(result.reports!.markdown, 'utf8');
    expect(markdown).toContain(`| ${FIRST} | imported | IT |`);
    // Counted from 1, as a person counts the records of the file, and named by the title.
    expect(markdown).toContain('record 6 (Informatiker/in EFZ 6): overall_match: score -1 is out of range 1–10');
    expect(markdown).toContain('record 5 (Informatiker/in EFZ 5): ');

    await withStore(install, async (store) => {
      expect(await store.tableCounts()).toMatchObject({
        jobMatches: 5,
        failedEvaluations: 1,
        legacyImports: 2,
        cvVersions: 1,
      });
      const [cv] = await store.listCvVersions();
      expect(cv).toMatchObject({
        fileName: 'Lebenslauf.pdf',
        filePath: join(install.dir, 'process_cv/cv-data/input/Lebenslauf.pdf'),
        evaluations: 5,
      });
      expect(cv!.fileHash).toMatch(/^[0-9a-f]{64}$/);
      expect((await store.getMatchesByUrl(urlOf(1)))[0]).toMatchObject({
        overallMatch: 2,
        cvKey: cv!.cvKey,
        searchTerm: 'IT',
      });
    });
  });

  it('is idempotent: a re-run skips imported files by their sha256, takes no backup and writes no row', async () => {
    await migrate({ cwd: install.dir, db: install.db, searchTerm: 'IT', cvKey: '0123456789abcdef' });
    const again = await migrate({ cwd: install.dir, db: install.db, searchTerm: 'IT', cvKey: '0123456789abcdef' });
    expect(again.files.map((f) => f.status)).toEqual(['already-imported', 'already-imported']);
    expect(again).toMatchObject({ ok: true, backup: null, totals: { migrated: 0 } });
    await withStore(install, async (store) =>
      expect(await store.tableCounts()).toMatchObject({ jobMatches: 5, legacyImports: 2 }),
    );
  });

  it('imports a copy of a file under another name only once', async () => {
    await install.write(
      'job_matches/job_matches_20250301_080000.json',
      await readFile(join(install.dir, 'job_matches', FIRST)),
    );
    const result = await migrate({
      cwd: install.dir,
      db: install.db,
      searchTerm: 'IT',
      cvKey: '0123456789abcdef',
      backup: false,
    });
    expect(result.files.map((f) => [f.status, f.note])).toEqual([
      ['imported', null],
      ['imported', null],
      ['skipped', `same content as ${FIRST}`],
    ]);
    await withStore(install, async (store) => expect((await store.tableCounts()).legacyImports).toBe(2));
  });

  it("imports again with --force, updating rows that differ and keeping each key's first record", async () => {
    await migrate({ cwd: install.dir, db: install.db, searchTerm: 'IT', cvKey: '0123456789abcdef', backup: false });
    // A corrected second file: record 7 re-scored; record 1 still repeats the first file's posting.
    await install.writeMatches(SECOND, [
      legacyRecord(1, { overall_match: 10 }),
      legacyRecord(7, { overall_match: 10 }),
      legacyRecord(8, { reasoning: 'Sehr gute Übereinstimmung ✓' }),
    ]);
    const forced = await migrate({
      cwd: install.dir,
      db: install.db,
      searchTerm: 'IT',
      cvKey: '0123456789abcdef',
      force: true,
      backup: false,
    });
    // Record 1 opens the first file (score 2), repeats there with 9 and in the second file with 10:
    // the first record is the one stored, with or without --force.
    expect(forced.files.map((f) => [f.status, f.migrated, f.updated, f.unchanged, f.duplicates])).toEqual([
      ['imported', 0, 0, 3, 4],
      ['imported', 0, 1, 1, 2],
    ]);
    await withStore(install, async (store) => {
      expect((await store.getMatchesByUrl(urlOf(1)))[0]!.overallMatch).toBe(2);
      expect((await store.getMatchesByUrl(urlOf(7)))[0]!.overallMatch).toBe(10);
    });
  });

  it('replaces a failed evaluation of an earlier file with the real one of a later file', async () => {
    await install.writeMatches('job_matches_20250301_080000.json', [
      legacyRecord(3, { overall_match: '7', reasoning: 'Passt: Support und Netzwerke.' }),
    ]);
    const result = await migrate({
      cwd: install.dir,
      db: install.db,
      searchTerm: 'IT',
      cvKey: '0123456789abcdef',
      backup: false,
    });
    expect(result.files.map((f) => [f.replacedFailed, f.duplicates])).toEqual([
      [0, 1],
      [0, 1],
      [1, 0],
    ]);
    expect(result.totals).toMatchObject({ replacedFailed: 1, failedEvaluations: 1 });
    const report = JSON.parse(await readFile(result.reports!.json, 'utf8')) as { totals: { replacedFailed: number } };
    expect(report.totals.replacedFailed).toBe(1);
    expect(await readFile(result.reports!.markdown, 'utf8')).toContain('1 replaced a failed evaluation');
    await withStore(install, async (store) =>
      expect((await store.getMatchesByUrl(urlOf(3)))[0]).toMatchObject({
        overallMatch: 7,
        evaluationStatus: 'evaluated',
      }),
    );
  });

  it('refuses without a terminal when a file has no answers, before writing anything', async () => {
    await install.write('mapping.yaml', `${FIRST}:\n  searchTerm: IT\n  cvKey: 0123456789abcdef\n`);
    const error = await migrate({ cwd: install.dir, db: install.db, mapping: 'mapping.yaml' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect((error as Error).message).toContain(`no answer for 1 file(s): ${SECOND} (search term and CV)`);
    expect(existsSync(join(install.dir, 'backups'))).toBe(false);
    expect(existsSync(join(install.dir, 'reports'))).toBe(false);
    await withStore(install, async (store) =>
      expect(await store.tableCounts()).toMatchObject({ jobMatches: 0, legacyImports: 0 }),
    );
  });

  it('takes per-file answers from a mapping file, globs and exact names, CV paths relative to it', async () => {
    await install.write('config/cv.txt', 'CV 2');
    await install.write('config/mapping.json', {
      'job_matches_2025*.json': { searchTerm: 'IT', cv: '../process_cv/cv-data/input/Lebenslauf.pdf' },
      [SECOND]: { search_term: 'analyst', cv_path: 'cv.txt' },
    });
    const result = await migrate({ cwd: install.dir, db: install.db, mapping: 'config/mapping.json', backup: false });
    expect(result.files.map((f) => [f.searchTerm, f.status])).toEqual([
      ['IT', 'imported'],
      ['analyst', 'imported'],
    ]);
    expect(result.files[0]!.cvKey).not.toBe(result.files[1]!.cvKey);
    // The same URL under two search terms is two rows.
    await withStore(install, async (store) => expect(await store.getMatchesByUrl(urlOf(1))).toHaveLength(2));
  });

  it('rejects a mapping with unknown keys or a bad cv_key, naming each problem', async () => {
    await install.write('mapping.yaml', `"*.json":\n  searchterm: IT\n  cvKey: xyz\n`);
    await expect(migrate({ cwd: install.dir, db: install.db, mapping: 'mapping.yaml' })).rejects.toThrow(
      /unknown key "searchterm".*"xyz" is not a cv_key/,
    );
  });

  it('previews with exact counts in a dry run and writes nothing: no backup, no report, no import row', async () => {
    const before = install.dbPath ? await sha256File(install.dbPath) : null;
    const result = await migrate({
      cwd: install.dir,
      db: install.db,
      searchTerm: 'IT',
      cvKey: '0123456789abcdef',
      dryRun: true,
    });
    expect(result.files.map((f) => [f.status, f.migrated, f.duplicates])).toEqual([
      ['dry-run', 3, 1],
      ['dry-run', 2, 1],
    ]);
    expect(result).toMatchObject({ backup: null, reports: null });
    const lastLine = printMigrate(result).split('\n').at(-1);
    expect(lastLine).toBe('Dry run: 5 records would be migrated, 2 rejected; nothing was written.');
    if (install.dbPath) {
      expect(await sha256File(install.dbPath)).toBe(before);
      expect(await readdir(join(install.dir, 'instance'))).toEqual(['jobsearchai.db']);
    }
    expect(existsSync(join(install.dir, 'backups'))).toBe(false);
    expect(existsSync(join(install.dir, 'reports'))).toBe(false);
    await withStore(install, async (store) =>
      expect(await store.tableCounts()).toMatchObject({ jobMatches: 0, legacyImports: 0, cvVersions: 0 }),
    );
  });

  it('reports a truncated file and a non-array file as failed, imports the rest, and retries them next time', async () => {
    await install.writeMatches('job_matches_20250301_080000.json', '[{"job_title": "abgeschnit');
    await install.writeMatches('job_matches_20250302_080000.json', { job_title: 'kein Array' });
    const result = await migrate({
      cwd: install.dir,
      db: install.db,
      searchTerm: 'IT',
      cvKey: '0123456789abcdef',
      backup: false,
    });
    expect(result.files.map((f) => f.status)).toEqual(['imported', 'imported', 'failed', 'failed']);
    expect(result.files[2]!.note).toMatch(/truncated/);
    expect(result.files[3]!.note).toMatch(/holds an object, expected a JSON array/);
    expect(result.aborted).toBeNull();
    const again = await migrate({
      cwd: install.dir,
      db: install.db,
      searchTerm: 'IT',
      cvKey: '0123456789abcdef',
      backup: false,
    });
    expect(again.files.map((f) => f.status)).toEqual(['already-imported', 'already-imported', 'failed', 'failed']);
  });

  it('needs an initialised database', async () => {
    const fresh = await createInstallation(provider);
    try {
      await fresh.writeMatches(FIRST, [legacyRecord(1)]);
      const error = await migrate({ cwd: fresh.dir, db: fresh.db, searchTerm: 'IT', cvKey: '0123456789abcdef' }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: provider === 'sqlite' ? 'DB_UNAVAILABLE' : 'DB_SCHEMA' });
      expect((error as Error).message).toMatch(/jobsearch-migrate init/);
      if (fresh.dbPath) expect(existsSync(fresh.dbPath)).toBe(false);
    } finally {
      await fresh.cleanup();
    }
  });

  it('keeps the import when the report cannot be written, and says so', async () => {
    await install.write('not-a-folder', 'x');
    const result = await migrate({
      cwd: install.dir,
      db: install.db,
      searchTerm: 'IT',
      cvKey: '0123456789abcdef',
      backup: false,
      report: 'not-a-folder/report',
    });
    expect(result).toMatchObject({ ok: false, reports: null, totals: { migrated: 5 } });
    expect(result.reportError).toMatch(/Cannot write the report .*not-a-folder\/report\.json.*--report/);
    await withStore(install, async (store) => expect((await store.tableCounts()).jobMatches).toBe(5));
  });

  it('refuses --cv together with --cv-key, a malformed --cv-key and a missing CV file', async () => {
    const base = { cwd: install.dir, db: install.db, searchTerm: 'IT' };
    await expect(migrate({ ...base, cv: 'a.pdf', cvKey: '0123456789abcdef' })).rejects.toThrow(
      /--cv or --cv-key, not both/,
    );
    await expect(migrate({ ...base, cvKey: '0123' })).rejects.toThrow(/not a cv_key/);
    await expect(migrate({ ...base, cv: 'missing.pdf' })).rejects.toThrow(
      /Cannot read the CV file .*missing\.pdf.*--cv-key/,
    );
  });
});
