import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isJobSearchError } from '../../src/errors.js';
import { importLegacyFile } from '../../src/import/import-legacy-file.js';
import { completedImports, legacyFileSha256 } from '../../src/import/previous-import.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';
import { createFixtureDir, legacyRecord, type FixtureDir } from './legacy-fixtures.js';
import { testSql } from '../../src/testing/sql-for-tests.js';

const CV_KEY = '0123456789abcdef';
const FILE = 'job_matches_20250314_091500.json';

/** One of each variant seen in the field; the comment gives the expected outcome. */
const MIXED = [
  legacyRecord(1), // migrated
  {
    'Job Title': 'Koch/Köchin 80–100 %',
    'Company Name': 'Gasthaus Löwen',
    'Application URL': '/job/koch/1040002',
    'Overall Match': '8',
    Location: 'Zürich',
  }, // Title Case, relative URL, "8"
  legacyRecord(3, { overall_match: '8/10', skills_match: ' 7 ' }), // numeric strings
  legacyRecord(4, { overall_match: 0, skills_match: 0, reasoning: 'Error evaluating match' }), // failed evaluation
  legacyRecord(1, { overall_match: 5 }), // repeats record 1's URL: a duplicate within the file
  legacyRecord(6, { application_url: undefined }), // rejected: no URL
  legacyRecord(7, { overall_match: 11 }), // rejected: out of range
  legacyRecord(8, { overall_match: -1 }), // rejected: out of range
  legacyRecord(9, { overall_match: null }), // rejected: no score
  legacyRecord(10, { overall_match: 'gut' }), // rejected: not numeric
  legacyRecord(11, {
    job_title: 'Ingénieur·e ✓ 日本語 Grüße',
    application_url: 'http://ostjob.ch/job/ingenieur/1040011/?utm_source=x',
  }), // unicode, URL normalised
];

describe.each(testProviders())('importLegacyFile (%s)', (provider) => {
  let t: TestStore;
  let files: FixtureDir;
  beforeEach(async () => {
    t = await openTestStore(provider);
    files = await createFixtureDir();
  });
  afterEach(async () => {
    await t.cleanup();
    await files.cleanup();
  });

  it('imports every variant of a legacy file, rejects bad records with reasons and counts duplicates within the file', async () => {
    const path = await files.write(FILE, MIXED);
    const result = await importLegacyFile(t.store, { path, searchTerm: 'IT', cvKey: CV_KEY });

    expect(result).toMatchObject({
      status: 'imported',
      records: 11,
      migrated: 5,
      duplicates: 1,
      duplicatesWithinFile: 1,
      updated: 0,
      rejected: 5,
      failedEvaluations: 1,
      matchedAt: '2025-03-14T09:15:00.000Z',
    });
    expect(result.records).toBe(result.migrated + result.duplicates + result.updated + result.rejected);
    expect(result.rejections.map((r) => r.index)).toEqual([5, 6, 7, 8, 9]);
    expect(result.rejections[0]!.reason).toMatch(/no posting URL/);
    expect(result.rejections[1]!.reason).toMatch(/out of range/);
    expect(result.rejections[4]!.reason).toMatch(/not a number/);

    const koch = (await t.store.getMatchesByUrl('https://www.ostjob.ch/job/koch/1040002'))[0]!;
    expect(koch).toMatchObject({
      jobTitle: 'Koch/Köchin 80–100 %',
      overallMatch: 8,
      location: 'Zürich',
      searchTerm: 'IT',
      cvKey: CV_KEY,
      source: 'legacy-json',
    });
    expect(koch.scrapedData).toEqual(MIXED[1]);
    expect(koch.matchedAt).toBe('2025-03-14T09:15:00.000Z');

    const failed = (await t.store.getMatchesByUrl(legacyRecord(4).application_url as string))[0]!;
    expect(failed).toMatchObject({ overallMatch: null, evaluationStatus: 'failed', skillsMatch: null });

    // The first occurrence of a repeated URL wins when duplicates are skipped.
    const first = (await t.store.getMatchesByUrl(legacyRecord(1).application_url as string))[0]!;
    expect(first.overallMatch).toBe(2);
    const unicode = (await t.store.getMatchesByUrl('https://www.ostjob.ch/job/ingenieur/1040011'))[0]!;
    expect(unicode.jobTitle).toBe('Ingénieur·e ✓ 日本語 Grüße');

    const [recorded] = await t.store.listLegacyImports();
    expect(recorded).toMatchObject({
      fileName: FILE,
      filePath: path,
      sha256: result.sha256,
      searchTerm: 'IT',
      cvKey: CV_KEY,
      records: 11,
      migrated: 5,
      duplicates: 1,
      rejected: 5,
      status: 'completed_with_errors',
    });
    expect(recorded!.details).toMatchObject({ duplicatesWithinFile: 1, failedEvaluations: 1 });
    expect(await t.store.tableCounts()).toMatchObject({ jobMatches: 5, failedEvaluations: 1, legacyImports: 1 });
  });

  it('skips a file whose content was imported before, under any name, unless asked to import it again', async () => {
    const records = [legacyRecord(1), legacyRecord(2)];
    const path = await files.write(FILE, records);
    const copy = await files.write('job_matches_20250315_000000.json', records);
    const first = await importLegacyFile(t.store, { path, searchTerm: 'IT', cvKey: CV_KEY });

    const again = await importLegacyFile(t.store, { path: copy, searchTerm: 'other', cvKey: 'fedcba9876543210' });
    expect(again).toMatchObject({
      status: 'already-imported',
      importId: first.importId,
      searchTerm: 'IT',
      cvKey: CV_KEY,
      migrated: 0,
    });
    expect(await legacyFileSha256(copy)).toBe(first.sha256);
    expect((await completedImports(t.store)).get(first.sha256)).toMatchObject({ id: first.importId, fileName: FILE });

    const forced = await importLegacyFile(t.store, {
      path,
      searchTerm: 'IT',
      cvKey: CV_KEY,
      skipIfImported: false,
      onDuplicate: 'update',
    });
    expect(forced).toMatchObject({ status: 'imported', migrated: 0, duplicates: 2, unchanged: 2, updated: 0 });
    expect((await t.store.tableCounts()).legacyImports).toBe(2);
  });

  it('keeps stored rows on duplicates across files by default and overwrites changed ones on request', async () => {
    const older = await files.write('job_matches_20250101_000000.json', [legacyRecord(1), legacyRecord(2)]);
    const newer = await files.write('job_matches_20250201_000000.json', [
      legacyRecord(1, { overall_match: 3 }),
      legacyRecord(2),
      legacyRecord(5),
    ]);
    await importLegacyFile(t.store, { path: older, searchTerm: 'IT', cvKey: CV_KEY });

    const skipped = await importLegacyFile(t.store, { path: newer, searchTerm: 'IT', cvKey: CV_KEY, dryRun: true });
    expect(skipped).toMatchObject({ status: 'dry-run', migrated: 1, duplicates: 2, duplicatesWithinFile: 0 });
    const updated = await importLegacyFile(t.store, {
      path: newer,
      searchTerm: 'IT',
      cvKey: CV_KEY,
      onDuplicate: 'update',
    });
    expect(updated).toMatchObject({ migrated: 1, duplicates: 1, unchanged: 1, updated: 1 });
    expect((await t.store.getMatchesByUrl(legacyRecord(1).application_url as string))[0]!.overallMatch).toBe(3);
  });

  it('computes exact counts in a dry run and writes nothing, not even the CV or the import row', async () => {
    const path = await files.write(FILE, MIXED);
    const result = await importLegacyFile(t.store, {
      path,
      searchTerm: 'IT',
      cvKey: CV_KEY,
      dryRun: true,
      cv: { fileName: 'cv.pdf', filePath: '/cv/cv.pdf', fileHash: CV_KEY.repeat(4) },
    });
    expect(result).toMatchObject({ status: 'dry-run', migrated: 5, duplicates: 1, rejected: 5, importId: null });
    expect(await t.store.tableCounts()).toMatchObject({ jobMatches: 0, legacyImports: 0, cvVersions: 0 });
  });

  it('registers the CV in the transaction of the file', async () => {
    const path = await files.write(FILE, [legacyRecord(1)]);
    await importLegacyFile(t.store, {
      path,
      searchTerm: 'IT',
      cvKey: CV_KEY,
      cv: { fileName: 'cv.pdf', filePath: '/cv/cv.pdf', fileHash: `${CV_KEY}${'0'.repeat(48)}` },
    });
    expect(await t.store.listCvVersions()).toEqual([
      expect.objectContaining({ cvKey: CV_KEY, fileName: 'cv.pdf', filePath: '/cv/cv.pdf', evaluations: 1 }),
    ]);
  });

  it('refuses a truncated or non-array file as a whole, records the failed attempt and retries it on the next run', async () => {
    const truncated = await files.write(FILE, JSON.stringify([legacyRecord(1), legacyRecord(2)]).slice(0, 300));
    const error = await importLegacyFile(t.store, { path: truncated, searchTerm: 'IT', cvKey: CV_KEY }).catch(
      (e: unknown) => e,
    );
    expect(isJobSearchError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as Error).message).toMatch(/truncated/);
    const object = await files.write('job_matches_20250101_000000.json', { records: [legacyRecord(1)] });
    await expect(importLegacyFile(t.store, { path: object, searchTerm: 'IT', cvKey: CV_KEY })).rejects.toThrow(
      /holds an object, expected a JSON array/,
    );

    expect(await t.store.tableCounts()).toMatchObject({ jobMatches: 0, legacyImports: 2 });
    expect((await t.store.listLegacyImports()).map((row) => row.status)).toEqual(['failed', 'failed']);
    expect((await completedImports(t.store)).size).toBe(0);
    // A failed attempt does not count as imported.
    await expect(importLegacyFile(t.store, { path: truncated, searchTerm: 'IT', cvKey: CV_KEY })).rejects.toThrow(
      /truncated/,
    );
  });

  it('rolls the rows of a file back when its import row cannot be written', async () => {
    const path = await files.write(FILE, [legacyRecord(1), legacyRecord(2)]);
    await testSql(t.store).script('DROP TABLE legacy_imports');
    await expect(
      importLegacyFile(t.store, { path, searchTerm: 'IT', cvKey: CV_KEY, skipIfImported: false }),
    ).rejects.toThrow();
    expect((await testSql(t.store).query<{ n: number }>('SELECT COUNT(*) AS n FROM job_matches'))[0]!.n).toBe(0);
  });
});
