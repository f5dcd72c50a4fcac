import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASELINE_MIGRATION, loadMigrations } from '../../src/db/migration-files.js';
import { isJobSearchError } from '../../src/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { createTestDatabase, type TestDatabase } from '../../src/testing/test-databases.js';
import { LEGACY_DDL, LEGACY_PRAGMAS } from './legacy-ddl.js';
import { testSql } from '../../src/testing/sql-for-tests.js';

const LEGACY_SELECT = `SELECT id, job_url, search_term, cv_key, job_title, company_name, location, posting_date, salary_range,
  overall_match, skills_match, experience_match, education_fit, career_trajectory_alignment, preference_match,
  potential_satisfaction, location_compatibility, reasoning, scraped_data, scraped_at, matched_at FROM job_matches ORDER BY id`;

function makeLegacyDatabase(path: string, withApplications = true): void {
  const db = new Database(path);
  for (const pragma of LEGACY_PRAGMAS) db.pragma(pragma);
  db.exec(
    withApplications
      ? LEGACY_DDL
      : LEGACY_DDL.replace(/CREATE TABLE applications[\s\S]*?\);\n/, '').replace(
          /CREATE INDEX idx_applications_status.*\n/,
          '',
        ),
  );
  const insert =
    db.prepare(`INSERT INTO job_matches (job_url, search_term, cv_key, job_title, company_name, location, posting_date, salary_range, overall_match, skills_match, experience_match, education_fit, career_trajectory_alignment, preference_match, potential_satisfaction, location_compatibility, reasoning, scraped_data, scraped_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  insert.run(
    'https://www.ostjob.ch/job/product-owner/1032053',
    'IT',
    'a1b2c3d4e5f60718',
    'Product Owner',
    'Muster AG',
    '9000 St. Gallen',
    '02.11.2025',
    '80-100%',
    8,
    7,
    8,
    9,
    7,
    8,
    8,
    'Yes',
    'Sehr gute Übereinstimmung mit dem Profil.',
    '{"Job Title": "Product Owner"}',
    '2025-11-02T13:15:24.700803',
  );
  insert.run(
    'https://www.ostjob.ch/job/product-owner/1032053',
    'analyst',
    'a1b2c3d4e5f60718',
    'Product Owner',
    'Muster AG',
    '9000 St. Gallen',
    'N/A',
    'N/A',
    6,
    5,
    6,
    7,
    6,
    6,
    6,
    'Unknown',
    'Teilweise passend.',
    '{"job_title": "Product Owner"}',
    '2025-11-02T13:16:00.000001',
  );
  insert.run(
    'https://www.ostjob.ch/job/data-engineer/1034904',
    'IT',
    'a1b2c3d4e5f60718',
    'Data Engineer',
    'Beispiel GmbH',
    '8400 Winterthur',
    null,
    null,
    0,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    'Error evaluating match',
    '{}',
    '2025-11-02T13:17:00.000000',
  );
  if (withApplications) db.prepare(`INSERT INTO applications (job_match_id, status) VALUES (1, 'APPLIED')`).run();
  db.prepare(
    `INSERT INTO scrape_history (search_term, page_number, jobs_found, new_jobs, duplicate_jobs, duration_seconds) VALUES ('IT', 1, 10, 3, 7, 1.5)`,
  ).run();
  db.close();
}

describe('adopting a legacy SQLite database', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterEach(async () => {
    await database.drop();
  });

  for (const withApplications of [true, false]) {
    it(`baselines it in place and keeps every legacy column readable${withApplications ? '' : ' (older installation without applications)'}`, async () => {
      makeLegacyDatabase(database.path!, withApplications);
      const before = new Database(database.path!).prepare(LEGACY_SELECT).all();

      const store = await openStore({ url: database.url });
      const status = await store.schemaStatus();
      expect(status).toMatchObject({ legacy: true, applied: [], current: false });
      const result = await store.migrate();
      expect(result.adopted).toBe(true);
      expect(result.applied).toEqual(loadMigrations('sqlite').map((m) => m.name));
      expect((await store.schemaStatus()).current).toBe(true);

      // The new code reads the legacy rows; the failed legacy evaluation is not a score.
      // The posting found under two terms is one row, shown through its best evaluation.
      const page = await store.listMatches({ status: 'all', sort: 'date_asc' });
      expect(page.items.map((m) => [m.searchTerm, m.overallMatch, m.evaluationStatus, m.searchTerms])).toEqual([
        ['IT', 8, 'evaluated', ['IT', 'analyst']],
        ['IT', null, 'failed', ['IT']],
      ]);
      // and writes new rows the old code can read.
      await store.insertMatch({
        jobUrl: 'https://www.ostjob.ch/job/new/1040000',
        searchTerm: 'IT',
        cvKey: 'a1b2c3d4e5f60718',
        overallMatch: 7,
        scrapedData: { 'Job Title': 'New' },
      });
      await store.close();

      const db = new Database(database.path!);
      const after = db.prepare(LEGACY_SELECT).all();
      expect(after.slice(0, 3)).toEqual(before);
      expect(after[3]).toMatchObject({
        overall_match: 7,
        job_url: 'https://www.ostjob.ch/job/new/1040000',
        scraped_data: '{"Job Title":"New"}',
      });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const baseline = db
        .prepare(`SELECT logs FROM _prisma_migrations WHERE migration_name = ?`)
        .get(BASELINE_MIGRATION) as { logs: string };
      expect(baseline.logs).toMatch(/adopted/);
      expect(db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'applications'`).get()).toEqual({ n: 1 });
      // The legacy code's own statements still work on the adopted file.
      db.prepare(
        `INSERT INTO scrape_history (search_term, page_number, jobs_found, new_jobs, duplicate_jobs) VALUES ('IT', 2, 10, 0, 10)`,
      ).run();
      expect(() =>
        db
          .prepare(
            `INSERT INTO job_matches (job_url, search_term, cv_key, overall_match, scraped_data, scraped_at) VALUES ('https://www.ostjob.ch/job/new/1040000', 'IT', 'a1b2c3d4e5f60718', 5, '{}', 'x')`,
          )
          .run(),
      ).toThrow(/UNIQUE/);
      db.close();
    });
  }

  it('refuses a job_matches table that is not the legacy schema, changing nothing', async () => {
    const db = new Database(database.path!);
    db.exec(`CREATE TABLE job_matches (id INTEGER PRIMARY KEY, url TEXT)`);
    db.close();
    const store = await openStore({ url: database.url });
    const error = await store.migrate().catch((e: unknown) => e);
    expect(isJobSearchError(error, 'DB_SCHEMA')).toBe(true);
    expect((error as Error).message).toMatch(/job_matches lacks job_url/);
    await store.close();
    const check = new Database(database.path!);
    expect(check.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all()).toEqual([
      { name: 'job_matches' },
    ]);
    check.close();
  });

  it('is idempotent, and refuses a database whose applied migration was edited', async () => {
    const store = await openStore({ url: database.url, migrate: true });
    expect((await store.migrate()).applied).toEqual([]);
    await testSql(store).execute(`UPDATE _prisma_migrations SET checksum = 'x' WHERE migration_name = ?`, [
      BASELINE_MIGRATION,
    ]);
    const error = await store.migrate().catch((e: unknown) => e);
    expect(isJobSearchError(error, 'DB_SCHEMA')).toBe(true);
    expect((error as Error).message).toContain(BASELINE_MIGRATION);
    await store.close();
  });

  it('creates new databases with 8 KiB pages and the legacy PRAGMAs', async () => {
    const store = await openStore({ url: database.url, migrate: true });
    await store.close();
    const db = new Database(database.path!);
    expect(db.pragma('page_size', { simple: true })).toBe(8192);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('says how to fix a missing or foreign file', async () => {
    const missing = await openStore({ url: `${database.url}.missing`, create: false }).catch((e: unknown) => e);
    expect(isJobSearchError(missing, 'DB_UNAVAILABLE')).toBe(true);
    expect((missing as Error).message).toMatch(/jobsearch-migrate init/);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(database.path!, 'this is a JSON file, not a database'.repeat(200));
    const foreign = await openStore({ url: database.url }).catch((e: unknown) => e);
    expect(isJobSearchError(foreign, 'DB_UNAVAILABLE')).toBe(true);
    expect((foreign as Error).message).toMatch(/not an SQLite database/);
  });
});
