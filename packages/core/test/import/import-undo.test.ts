import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobSearchError } from '../../src/errors.js';
import { importLegacyFile } from '../../src/import/import-legacy-file.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';
import { testSql } from '../../src/testing/sql-for-tests.js';
import { createFixtureDir, legacyRecord, type FixtureDir } from './legacy-fixtures.js';

const CV_KEY = '0123456789abcdef';
const TERM = 'IT';
const url = (n: number) => `https://www.ostjob.ch/job/informatiker-efz/${1_040_000 + n}`;

/** Everything an undo may touch, row by row and column by column. */
async function snapshot(t: TestStore) {
  const sql = testSql(t.store);
  return {
    matches: await sql.query('SELECT * FROM job_matches ORDER BY id'),
    applications: await sql.query('SELECT * FROM applications ORDER BY id'),
  };
}

async function rejection(promise: Promise<unknown>): Promise<JobSearchError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JobSearchError);
  return error as JobSearchError;
}

describe.each(testProviders())('undoLegacyImport (%s)', (provider) => {
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

  /** Rows written before the import: a pipeline evaluation, a failed one and an unrelated row. */
  async function seedEarlierRows() {
    const base = { searchTerm: TERM, cvKey: CV_KEY, scrapedData: { Title: 'x' }, matcher: 'heuristic' };
    await t.store.insertMatch({ ...base, jobUrl: url(1), overallMatch: 9, reasoning: 'pipeline' });
    await t.store.insertMatch({ ...base, jobUrl: url(2), overallMatch: null, reasoning: 'Error evaluating match' });
    await t.store.insertMatch({ ...base, jobUrl: url(500), overallMatch: 4, reasoning: 'other' });
  }

  const importFile = async (name: string, records: unknown[], force = false) =>
    importLegacyFile(t.store, {
      path: await files.write(name, records),
      searchTerm: TERM,
      cvKey: CV_KEY,
      onDuplicate: force ? 'update' : 'skip',
      skipIfImported: !force,
    });

  it('removes exactly the rows an import created and puts back the failed evaluation it replaced', async () => {
    await seedEarlierRows();
    const before = await snapshot(t);
    const records = [1, 2, 3, 4, 5].map((n) => legacyRecord(n));
    const imported = await importFile('job_matches_20250301_080000.json', records);
    expect(imported).toMatchObject({ migrated: 3, replacedFailed: 1, duplicates: 1 });
    expect((await snapshot(t)).matches).toHaveLength(6);

    const undone = await t.store.undoLegacyImport(imported.importId!);
    expect(undone).toMatchObject({ applied: true, createdRemoved: 3, updatedRestored: 1, refused: [] });
    expect(await snapshot(t)).toEqual(before);

    const [record] = await t.store.listLegacyImports();
    expect(record).toMatchObject({ status: 'undone', undoneAt: expect.any(String) });
    // The same file imports again (it is no longer "already imported").
    const again = await importLegacyFile(t.store, {
      path: imported.path,
      searchTerm: TERM,
      cvKey: CV_KEY,
    });
    expect(again).toMatchObject({ status: 'imported', migrated: 3, replacedFailed: 1 });
  });

  it('undoing a forced re-import puts back the values it overwrote', async () => {
    const first = await importFile(
      'job_matches_20250301_080000.json',
      [1, 2, 3].map((n) => legacyRecord(n)),
    );
    const afterFirst = await snapshot(t);
    await sleep(5);
    const changed = [1, 2, 3, 4].map((n) => legacyRecord(n, { overall_match: 2, reasoning: `neu ${n}` }));
    const forced = await importFile('job_matches_20250302_080000.json', changed, true);
    expect(forced).toMatchObject({ updated: 3, migrated: 1 });

    const undone = await t.store.undoLegacyImport(forced.importId!);
    expect(undone).toMatchObject({ applied: true, createdRemoved: 1, updatedRestored: 3 });
    expect(await snapshot(t)).toEqual(afterFirst);
    // The first import's rows are back as it left them, so it can be undone in turn.
    expect(await t.store.undoLegacyImport(first.importId!)).toMatchObject({ applied: true, createdRemoved: 3 });
    expect((await snapshot(t)).matches).toEqual([]);
  });

  it('refuses, listing the rows, when a later write touched them; --force undoes anyway', async () => {
    const imported = await importFile(
      'job_matches_20250301_080000.json',
      [1, 2, 3].map((n) => legacyRecord(n)),
    );
    await sleep(5);
    // A later pipeline run re-evaluates posting 2 (an update with a new updated_at).
    await t.store.insertMatch(
      { jobUrl: url(2), searchTerm: TERM, cvKey: CV_KEY, overallMatch: 3, reasoning: 'later', scrapedData: {} },
      { onDuplicate: 'update' },
    );
    // The legacy application tracker marked posting 3 as applied.
    const sql = testSql(t.store);
    const [row3] = await sql.query<{ id: number }>('SELECT id FROM job_matches WHERE job_url = ?', [url(3)]);
    await sql.execute("INSERT INTO applications (job_match_id, status) VALUES (?, 'APPLIED')", [row3!.id]);
    const touched = await snapshot(t);

    const refused = await t.store.undoLegacyImport(imported.importId!);
    expect(refused.applied).toBe(false);
    expect(refused.refused.map((r) => [r.jobUrl, r.reason])).toEqual([
      [url(2), 'changed'],
      [url(3), 'application'],
    ]);
    expect(await snapshot(t)).toEqual(touched);
    expect((await t.store.listLegacyImports())[0]!.status).toBe('completed');

    const forced = await t.store.undoLegacyImport(imported.importId!, { force: true });
    expect(forced).toMatchObject({ applied: true, createdRemoved: 3 });
    expect(await snapshot(t)).toEqual({ matches: [], applications: [] });
  });

  it('refuses when a later import wrote the row', async () => {
    const first = await importFile('job_matches_20250301_080000.json', [legacyRecord(1)]);
    await importFile('job_matches_20250302_080000.json', [legacyRecord(1, { overall_match: 6 })], true);
    const result = await t.store.undoLegacyImport(first.importId!);
    expect(result.refused).toEqual([
      expect.objectContaining({ jobUrl: url(1), reason: 'later-import', action: 'created' }),
    ]);
    expect(result.applied).toBe(false);
  });

  it('a dry run reports the numbers and changes nothing', async () => {
    await seedEarlierRows();
    const imported = await importFile(
      'job_matches_20250301_080000.json',
      [1, 2, 3].map((n) => legacyRecord(n)),
    );
    const before = await snapshot(t);
    const imports = await t.store.listLegacyImports();
    const preview = await t.store.undoLegacyImport(imported.importId!, { dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, applied: false, createdRemoved: 1, updatedRestored: 1 });
    expect(await snapshot(t)).toEqual(before);
    expect(await t.store.listLegacyImports()).toEqual(imports);
  });

  it('finds the last import, and says why an import cannot be undone', async () => {
    const a = await importFile('job_matches_20250301_080000.json', [legacyRecord(1)]);
    const b = await importFile('job_matches_20250302_080000.json', [legacyRecord(2)]);
    expect(await t.store.lastUndoableImport()).toBe(b.importId);
    await t.store.undoLegacyImport(b.importId!);
    expect(await t.store.lastUndoableImport()).toBe(a.importId);

    const unknown = await rejection(t.store.undoLegacyImport(999));
    expect(unknown.code).toBe('NOT_FOUND');
    const again = await rejection(t.store.undoLegacyImport(b.importId!));
    expect(again.message).toMatch(/already undone.*nothing to undo/);

    // An import recorded before the journal existed.
    await testSql(t.store).execute('UPDATE legacy_imports SET journaled_at = NULL WHERE id = ?', [a.importId!]);
    const old = await rejection(t.store.undoLegacyImport(a.importId!));
    expect(old.message).toMatch(/cannot be undone; restore the backup/);
    expect(old.message).not.toContain('\n');

    await t.store.undoLegacyImport(a.importId!).catch(() => undefined);
    await testSql(t.store).execute("UPDATE legacy_imports SET status = 'undone'");
    expect((await rejection(t.store.lastUndoableImport())).code).toBe('NOT_FOUND');
  });
});
