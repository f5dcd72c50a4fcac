import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { copyDatabase, type CopyResult } from '../../src/copy/index.js';
import { checkParity } from '../../src/copy/parity.js';
import { sqliteReader } from '../../src/copy/table-readers.js';
import { copyTables } from '../../src/copy/table-schema.js';
import { SqliteDriver } from '../../src/db/sqlite-driver.js';
import { isJobSearchError } from '../../src/errors.js';
import { importLegacyFile } from '../../src/import/import-legacy-file.js';
import { HeuristicMatcher } from '../../src/matchers/heuristic-matcher.js';
import { runSearch } from '../../src/pipeline/run-search.js';
import { startDemoBoard } from '../../src/sources/demo-board/demo-board.js';
import { demoBoardSource } from '../../src/sources/ostjob-preset.js';
import { openStore } from '../../src/store/open-store.js';
import { createLegacySqliteDatabase } from '../../src/testing/legacy-database.js';
import { testSql } from '../../src/testing/sql-for-tests.js';
import { createTestDatabase, postgresTestUrl, type TestDatabase } from '../../src/testing/test-databases.js';
import { createFixtureDir, legacyRecord } from '../import/legacy-fixtures.js';

const CV = {
  cvKey: 'a1b2c3d4e5f60718',
  text: 'Software Engineer in St. Gallen. TypeScript, Node.js, PostgreSQL, Docker. MSc Informatik ETH.',
  summary: 'Software engineer with TypeScript and PostgreSQL, based in St. Gallen.',
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function database(provider: 'sqlite' | 'postgresql'): Promise<TestDatabase> {
  const db = await createTestDatabase(provider);
  cleanups.push(() => db.drop());
  return db;
}

/** A database as the product writes it: two search runs on the demo board, then two legacy imports. */
async function writtenByThePipeline(url: string): Promise<void> {
  const board = await startDemoBoard({ initialPostings: 25 });
  const fixtures = await createFixtureDir();
  const store = await openStore({ url, migrate: true });
  try {
    const source = demoBoardSource(board.url, { delayMs: 0, retries: 1, backoffMs: 5, timeoutMs: 15_000 });
    const matcher = new HeuristicMatcher();
    await runSearch({ store, searchTerm: 'IT', cv: CV, source, matcher, maxPages: 3 });
    board.advance(5);
    await runSearch({ store, searchTerm: 'analyst', cv: CV, source, matcher, maxPages: 3 });
    const first = await fixtures.write(
      'job_matches_20250101_080000.json',
      [1, 2, 3, 4].map((n) => legacyRecord(n)),
    );
    const second = await fixtures.write('job_matches_20250102_080000.json', [
      legacyRecord(5, { overall_match: 0, reasoning: 'Error evaluating match' }),
      legacyRecord(6, { reasoning: 'Zeile\nmit\tTab und \\ Backslash' }),
    ]);
    await importLegacyFile(store, { path: first, searchTerm: 'IT', cvKey: CV.cvKey });
    await importLegacyFile(store, { path: second, searchTerm: 'analyst', cvKey: CV.cvKey });
  } finally {
    await store.close();
    await board.close();
    await fixtures.cleanup();
  }
}

function checksums(result: CopyResult): Record<string, string> {
  return Object.fromEntries((result.parity?.tables ?? []).map((table) => [table.table, table.sourceChecksum]));
}

function expectParity(result: CopyResult): void {
  expect(result.ok).toBe(true);
  expect(result.parity?.ok).toBe(true);
  for (const table of result.parity!.tables) {
    expect(table, table.table).toMatchObject({ match: true, keysMatch: true });
    expect(table.targetRows).toBe(table.sourceRows);
    expect(table.targetChecksum).toBe(table.sourceChecksum);
  }
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const withPostgres = postgresTestUrl() ? describe : describe.skip;

describe('copy between SQLite files', () => {
  it('copies every table of the schema, the undo journal included, with parity', async () => {
    const from = await database('sqlite');
    const to = await database('sqlite');
    await writtenByThePipeline(from.url);
    const result = await copyDatabase({ from: from.url, to: to.url });
    expectParity(result);
    const tables = result.plan.map((entry) => entry.table);
    // Read from the migrated schema, not a list in code: every table the migrations make is there.
    for (const table of [
      'job_matches',
      'job_postings',
      'search_runs',
      'llm_usage',
      'scrape_history',
      'legacy_imports',
      'legacy_import_rows',
      'app_events',
      'applications',
      'cv_versions',
    ])
      expect(tables).toContain(table);
    expect(tables).not.toContain('_prisma_migrations');
    // Parents before children: applications refers to job_matches.
    expect(tables.indexOf('job_matches')).toBeLessThan(tables.indexOf('applications'));
    expect(result.plan.find((entry) => entry.table === 'job_matches')!.rows).toBeGreaterThan(20);
    expect(result.plan.find((entry) => entry.table === 'legacy_import_rows')!.rows).toBeGreaterThan(0);
  });

  it('refuses a non-empty target unless --force, which empties it first', async () => {
    const from = await database('sqlite');
    const to = await database('sqlite');
    await writtenByThePipeline(from.url);
    await writtenByThePipeline(to.url);
    const refused = await copyDatabase({ from: from.url, to: to.url }).catch((error: unknown) => error);
    expect(isJobSearchError(refused, 'CONFLICT')).toBe(true);
    expect((refused as Error).message).toMatch(/not empty.*--force/);
    const forced = await copyDatabase({ from: from.url, to: to.url, force: true });
    expectParity(forced);
    expect(forced.target.emptied).toBe(true);
  });

  it('--dry-run plans and writes nothing, not even the target file', async () => {
    const from = await database('sqlite');
    const to = await database('sqlite');
    await writtenByThePipeline(from.url);
    const before = sha256(from.path!);
    const plan = await copyDatabase({ from: from.url, to: to.url, dryRun: true });
    expect(plan).toMatchObject({ ok: true, dryRun: true, parity: null, target: { before: { exists: false } } });
    expect(plan.totalRows).toBeGreaterThan(0);
    expect(existsSync(to.path!)).toBe(false);
    expect(sha256(from.path!)).toBe(before);
  });

  it('refuses the same database as source and target, and bad URLs, in one line', async () => {
    const from = await database('sqlite');
    await writtenByThePipeline(from.url);
    const same = await copyDatabase({ from: from.url, to: from.path! }).catch((error: unknown) => error);
    expect(isJobSearchError(same, 'INVALID_INPUT')).toBe(true);
    const bad = await copyDatabase({ from: from.url, to: 'mysql://x/y' }).catch((error: unknown) => error);
    expect(isJobSearchError(bad, 'INVALID_INPUT')).toBe(true);
    expect((bad as Error).message).toMatch(/^--to: /);
    const missing = await copyDatabase({ from: join(from.dir!, 'nope.db'), to: 'file:/tmp/x.db' }).catch(
      (e: unknown) => e,
    );
    expect(isJobSearchError(missing, 'DB_UNAVAILABLE')).toBe(true);
    for (const error of [same, bad, missing]) expect((error as Error).message).not.toContain('\n');
  });

  it('parity names the rows that differ, are missing or are extra', async () => {
    const from = await database('sqlite');
    const to = await database('sqlite');
    createLegacySqliteDatabase(from.path!, { matches: 10 });
    await copyDatabase({ from: from.url, to: to.url });
    const target = new Database(to.path!);
    target.exec(`UPDATE job_matches SET reasoning = reasoning || '.' WHERE id = 4`);
    target.exec(`DELETE FROM scrape_history WHERE id = 2`);
    target.exec(
      `INSERT INTO scrape_history (id, search_term, page_number, jobs_found, new_jobs, duplicate_jobs) VALUES (99, 'IT', 9, 0, 0, 0)`,
    );
    // The copy's source was adopted in a snapshot: compare with the adopted legacy file's own copy.
    const reference = await database('sqlite');
    await copyDatabase({ from: from.url, to: reference.url });
    const source = new Database(reference.path!, { readonly: true });
    try {
      const tables = await copyTables(new SqliteDriver(source));
      const parity = await checkParity(sqliteReader(source), sqliteReader(target), tables);
      expect(parity.ok).toBe(false);
      const byTable = Object.fromEntries(parity.tables.map((table) => [table.table, table]));
      expect(byTable.job_matches).toMatchObject({ match: false, keysMatch: true, differing: ['4'] });
      expect(byTable.scrape_history).toMatchObject({
        match: false,
        keysMatch: false,
        missingInTarget: ['2'],
        extraInTarget: ['99'],
      });
      expect(byTable.applications).toMatchObject({ match: true });
    } finally {
      source.close();
      target.close();
    }
  });

  it('adopts a legacy source in a snapshot and leaves the file untouched', async () => {
    const from = await database('sqlite');
    const to = await database('sqlite');
    createLegacySqliteDatabase(from.path!, { matches: 30 });
    const before = sha256(from.path!);
    const result = await copyDatabase({ from: from.url, to: to.url });
    expectParity(result);
    expect(result.source.adopted).toBe(true);
    expect(sha256(from.path!)).toBe(before);
    expect(result.plan.find((entry) => entry.table === 'job_matches')!.rows).toBe(30);
  });
});

withPostgres('copy between SQLite and PostgreSQL', () => {
  it('round-trips a pipeline database SQLite → PostgreSQL → SQLite with identical checksums', async () => {
    const first = await database('sqlite');
    const pg = await database('postgresql');
    const back = await database('sqlite');
    await writtenByThePipeline(first.url);
    const there = await copyDatabase({ from: first.url, to: pg.url });
    expectParity(there);
    const again = await copyDatabase({ from: pg.url, to: back.url });
    expectParity(again);
    expect(checksums(again)).toEqual(checksums(there));

    // The sequences were moved on: the store on the PostgreSQL copy inserts new rows after max(id).
    const store = await openStore({ url: pg.url, requireCurrentSchema: true });
    try {
      const sql = testSql(store);
      const [max] = await sql.query<{ id: number }>(`SELECT MAX(id) AS id FROM search_runs`);
      const run = await store.createRun({
        searchTerm: 'IT',
        cvKey: CV.cvKey,
        source: 'demo',
        matcher: 'heuristic',
        model: null,
        maxPages: 1,
      });
      expect(run.id).toBe(Number(max!.id) + 1);
    } finally {
      await store.close();
    }
  });

  it('copies a legacy SQLite database straight into PostgreSQL, adopting it on the way', async () => {
    const from = await database('sqlite');
    const to = await database('postgresql');
    createLegacySqliteDatabase(from.path!, { matches: 40, withApplications: false });
    const before = sha256(from.path!);
    const result = await copyDatabase({ from: from.url, to: to.url });
    expectParity(result);
    expect(result.source.adopted).toBe(true);
    expect(sha256(from.path!)).toBe(before);
    const store = await openStore({ url: to.url, requireCurrentSchema: true });
    try {
      const rows = await testSql(store).query<{ reasoning: string; duration_seconds: number | null }>(
        `SELECT reasoning FROM job_matches WHERE reasoning LIKE 'Die Stelle%' ORDER BY id LIMIT 1`,
      );
      expect(rows[0]!.reasoning).toContain('\n');
      expect(rows[0]!.reasoning).toContain('\t');
    } finally {
      await store.close();
    }
  });

  it('compares floats by their bits and text with every COPY escape, both ways', async () => {
    const from = await database('sqlite');
    const pg = await database('postgresql');
    const back = await database('sqlite');
    createLegacySqliteDatabase(from.path!, { matches: 4 });
    const db = new Database(from.path!);
    const floats = [0.00003, 1e-7, 3, 12.5, 0.1 + 0.2, 123456789012345680000, -0, 5e-324];
    const history = db.prepare(
      `INSERT INTO scrape_history (search_term, page_number, jobs_found, new_jobs, duplicate_jobs, scraped_at, duration_seconds) VALUES (?, 1, 0, 0, 0, ?, ?)`,
    );
    for (const [i, value] of floats.entries()) history.run(`t${i}`, `2025-11-0${(i % 9) + 1} 10:00:00`, value);
    history.run('ctrl', 'a\\b\bc\fd\ve\rf\tg\nh "ä" \\N', null);
    history.run('text-n', '\\N', 1);
    db.close();
    const there = await copyDatabase({ from: from.url, to: pg.url });
    expectParity(there);
    const again = await copyDatabase({ from: pg.url, to: back.url });
    expectParity(again);
    expect(checksums(again)).toEqual(checksums(there));
    // The checksum text tells 0.1 + 0.2 from 0.3: a float equals only the very same double.
    const store = await openStore({ url: pg.url });
    try {
      await testSql(store).execute(`UPDATE scrape_history SET duration_seconds = 0.3 WHERE search_term = 't4'`);
    } finally {
      await store.close();
    }
    const changed = await copyDatabase({ from: pg.url, to: (await database('sqlite')).url });
    expectParity(changed);
    expect(checksums(changed).scrape_history).not.toBe(checksums(there).scrape_history);
  });

  it('refuses an unreachable server with one line', async () => {
    const from = await database('sqlite');
    createLegacySqliteDatabase(from.path!);
    const error = await copyDatabase({ from: from.url, to: 'postgresql://postgres@127.0.0.1:1/none' }).catch(
      (e: unknown) => e,
    );
    expect(isJobSearchError(error, 'DB_UNAVAILABLE')).toBe(true);
    expect((error as Error).message).toMatch(/^--to: cannot reach/);
  });
});
