import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importLegacyFile } from '../../src/import/import-legacy-file.js';
import { validateImports } from '../../src/import/validate-imports.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';
import { sampleMatch } from '../store/fixtures.js';
import { createFixtureDir, legacyRecord, type FixtureDir } from './legacy-fixtures.js';
import { testSql } from '../../src/testing/sql-for-tests.js';

const CV_KEY = '0123456789abcdef';
const URL_3 = legacyRecord(3).application_url as string;

describe.each(testProviders())('validateImports (%s)', (provider) => {
  let t: TestStore;
  let files: FixtureDir;
  beforeEach(async () => {
    t = await openTestStore(provider);
    files = await createFixtureDir({
      'job_matches_20250101_080000.json': [
        legacyRecord(1),
        legacyRecord(2),
        legacyRecord(3),
        legacyRecord(4, { overall_match: 0, reasoning: 'Error evaluating match' }),
        { job_title: 'ohne URL' },
      ],
      // Record 2 again with another score: the row keeps the first one, and that is no discrepancy.
      'job_matches_20250102_080000.json': [
        legacyRecord(2, { overall_match: 9 }),
        legacyRecord(5, { 'Job Title': 'Küchenchef', job_title: undefined }),
      ],
    });
    for (const name of ['job_matches_20250101_080000.json', 'job_matches_20250102_080000.json']) {
      await importLegacyFile(t.store, { path: join(files.dir, name), searchTerm: 'IT', cvKey: CV_KEY });
    }
    // A row the pipeline wrote under the same term and CV is neither missing nor extra.
    await t.store.insertMatch(sampleMatch(99, { cvKey: CV_KEY }));
  });
  afterEach(async () => {
    await t.cleanup();
    await files.cleanup();
  });

  it('finds nothing wrong after a clean import', async () => {
    const report = await validateImports(t.store, { sample: 100, seed: 7 });
    expect(report).toMatchObject({ ok: true, discrepancies: 0, extraRows: [], rows: { checked: 6, invalid: 0 } });
    expect(report.files.map((f) => [f.status, f.recordsInFile, f.rejectedRecords, f.uniqueKeys, f.rowsFound])).toEqual([
      ['ok', 5, 1, 4, 4],
      ['ok', 2, 0, 2, 2],
    ]);
    expect(report.sample).toMatchObject({ requested: 100, seed: 7, compared: 6, mismatches: [] });
  });

  it('lists a deleted row as a missing key', async () => {
    await testSql(t.store).execute('DELETE FROM job_matches WHERE job_url = ?', [URL_3]);
    const report = await validateImports(t.store, { sample: 0 });
    expect(report.ok).toBe(false);
    expect(report.discrepancies).toBe(1);
    expect(report.files[0]).toMatchObject({
      status: 'discrepancies',
      rowsFound: 3,
      missingKeys: { count: 1, keys: [URL_3] },
    });
  });

  it('catches a modified score in the sample, and an impossible one in the row check', async () => {
    await testSql(t.store).execute('UPDATE job_matches SET overall_match = 1 WHERE job_url = ?', [URL_3]);
    await testSql(t.store).execute('UPDATE job_matches SET skills_match = 11 WHERE job_url = ?', [
      legacyRecord(1).application_url as string,
    ]);
    const report = await validateImports(t.store, { sample: 100 });
    expect(report.ok).toBe(false);
    expect(report.sample.mismatches).toHaveLength(2);
    expect(report.sample.mismatches.find((m) => m.jobUrl === URL_3)?.differences).toEqual([
      { field: 'overall_match', expected: '4', actual: '1' },
    ]);
    expect(report.rows).toMatchObject({
      invalid: 1,
      problems: [{ jobUrl: legacyRecord(1).application_url, problems: ['skills_match 11 is not an integer 1–10'] }],
    });
    expect(report.discrepancies).toBe(3);
  });

  it('draws the same sample from the same seed', async () => {
    const picks = async (seed: number) => (await validateImports(t.store, { sample: 2, seed })).sample;
    expect(await picks(42)).toEqual(await picks(42));
  });

  it('reports imported rows that no file holds, and files that moved or changed', async () => {
    await t.store.insertMatch(sampleMatch(7, { cvKey: CV_KEY, source: 'legacy-json' }));
    const moved = join(files.dir, 'moved');
    await files.write('moved/README.md', 'moved here');
    await rename(join(files.dir, 'job_matches_20250102_080000.json'), join(moved, 'job_matches_20250102_080000.json'));
    await files.write('job_matches_20250101_080000.json', [legacyRecord(1)]);

    const report = await validateImports(t.store, { sample: 0 });
    expect(report.files.map((f) => f.status)).toEqual(['file-changed', 'file-missing']);
    expect(report.files[1]!.problems[0]).toMatch(/pass --dir/);
    // The changed file may hold any key, so its term and CV get no extra-row verdict.
    expect(report.extraRows).toEqual([]);

    await files.write('job_matches_20250101_080000.json', [
      legacyRecord(1),
      legacyRecord(2),
      legacyRecord(3),
      legacyRecord(4, { overall_match: 0, reasoning: 'Error evaluating match' }),
      { job_title: 'ohne URL' },
    ]);
    const found = await validateImports(t.store, { sample: 0, dir: moved });
    expect(found.files.map((f) => f.status)).toEqual(['ok', 'ok']);
    expect(found.extraRows).toEqual([{ searchTerm: 'IT', cvKey: CV_KEY, count: 1, keys: [sampleMatch(7).jobUrl] }]);
    expect(found.discrepancies).toBe(1);
  });
});
