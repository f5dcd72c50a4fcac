import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { loadMigrations } from '@jobsearchai/core/store';
import { testProviders } from '@jobsearchai/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CV_TEXT } from './harness/cv-texts.js';
import { allMatches, getOk, type MatchItem } from './harness/http.js';
import { createInstallation, type Installation } from './harness/installation.js';
import { createLegacyDatabase, openLegacySql, type LegacySql } from './harness/legacy-database.js';
import { expectSuccess, startApi, type LongRunning } from './harness/processes.js';
import { startSearchServices, type SearchServices } from './harness/search-services.js';

const LEGACY_CV = '3f2a9c1d5e7b8a60';
const LONG_TERM = 'IT-typ-festanstellung-pensum-80-bis-100';
const URL_A = 'https://www.ostjob.ch/job/applikationsentwickler-in/1034904';
const URL_B = 'https://www.ostjob.ch/job/data-analyst/1034911';
const URL_FAILED = 'https://www.ostjob.ch/job/product-owner/1032053';

const LEGACY_COLUMNS =
  'job_url, search_term, cv_key, job_title, company_name, location, posting_date, salary_range, overall_match, skills_match, experience_match, education_fit, career_trajectory_alignment, preference_match, potential_satisfaction, location_compatibility, reasoning, scraped_data, scraped_at';

interface LegacyRow {
  values: unknown[];
  matchedAt?: string;
}

const scrapedPosting = JSON.stringify({
  'Job Title': 'Applikationsentwickler/in',
  'Company Name': 'Säntis Informatik AG',
  Location: '9000 St. Gallen',
  'Salary Range': '80-100%',
  'Posting Date': '02.11.2025',
  'Application URL': URL_A,
});
const legacyRecordJson = JSON.stringify({
  job_title: 'Data Analyst',
  company_name: 'Bodensee Daten GmbH',
  application_url: URL_B,
  overall_match: 6,
  reasoning: 'Teilweise passend.',
  cv_path: 'input/Lebenslauf.pdf',
});

/** Rows as the legacy code wrote them: SQLite UTC matched_at, local ISO scraped_at with microseconds, a failed evaluation stored as 0. */
const LEGACY_ROWS: LegacyRow[] = [
  {
    values: [
      URL_A,
      'IT',
      LEGACY_CV,
      'Applikationsentwickler/in',
      'Säntis Informatik AG',
      '9000 St. Gallen',
      '02.11.2025',
      '80-100%',
      8,
      8,
      7,
      9,
      8,
      7,
      8,
      'Yes',
      'Die Stelle passt sehr gut zum Profil.',
      scrapedPosting,
      '2025-11-02T13:15:24.700803',
    ],
    matchedAt: '2025-11-02 12:15:30',
  },
  // The same posting under a second search term is a second row by design; matched_at left to its default.
  {
    values: [
      URL_A,
      LONG_TERM,
      LEGACY_CV,
      'Applikationsentwickler/in',
      'Säntis Informatik AG',
      '9000 St. Gallen',
      '02.11.2025',
      '80-100%',
      8,
      8,
      7,
      9,
      8,
      7,
      8,
      'Yes',
      'Die Stelle passt sehr gut zum Profil.',
      scrapedPosting,
      '2025-11-02T13:15:25.100000',
    ],
  },
  {
    values: [
      URL_B,
      'IT',
      LEGACY_CV,
      'Data Analyst',
      'Bodensee Daten GmbH',
      '9320 Arbon',
      null,
      'N/A',
      6,
      6,
      5,
      7,
      6,
      6,
      6,
      'Unknown',
      'Teilweise passend.',
      legacyRecordJson,
      '2025-10-28T08:01:02.123456',
    ],
    matchedAt: '2025-10-28 07:01:05',
  },
  {
    values: [
      URL_FAILED,
      'IT',
      LEGACY_CV,
      'Product Owner',
      'Rhein AG',
      '9470 Buchs',
      'N/A',
      'N/A',
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
      '2025-11-03T09:00:00.000001',
    ],
    matchedAt: '2025-11-03 08:00:01',
  },
];

async function writeLegacyRows(sql: LegacySql): Promise<void> {
  const marks = LEGACY_COLUMNS.split(',')
    .map(() => '?')
    .join(', ');
  for (const row of LEGACY_ROWS) {
    if (row.matchedAt)
      await sql.run(`INSERT INTO job_matches (${LEGACY_COLUMNS}, matched_at) VALUES (${marks}, ?)`, [
        ...row.values,
        row.matchedAt,
      ]);
    else await sql.run(`INSERT INTO job_matches (${LEGACY_COLUMNS}) VALUES (${marks})`, row.values);
  }
  const [first] = await sql.all<{ id: number }>('SELECT id FROM job_matches WHERE job_url = ? AND search_term = ?', [
    URL_A,
    'IT',
  ]);
  await sql.run(
    `INSERT INTO applications (job_match_id, status, notes) VALUES (?, 'APPLIED', 'Bewerbung per E-Mail')`,
    [first!.id],
  );
  await sql.run(
    'INSERT INTO scrape_history (search_term, page_number, jobs_found, new_jobs, duplicate_jobs, duration_seconds) VALUES (?, ?, ?, ?, ?, ?)',
    ['IT', 1, 10, 3, 7, 4.2],
  );
  await sql.run(
    'INSERT INTO scrape_history (search_term, page_number, jobs_found, new_jobs, duplicate_jobs, duration_seconds) VALUES (?, ?, ?, ?, ?, ?)',
    ['IT', 2, 10, 0, 10, 3.9],
  );
}

interface InitOutput {
  ok: boolean;
  created: boolean;
  adopted: boolean;
  applied: string[];
  backup: string | null;
}

describe.each(testProviders())('adopting a database the legacy installation made (%s)', (provider) => {
  let install: Installation;
  let api: (LongRunning & { url: string }) | undefined;
  let services: SearchServices | undefined;
  let legacy: LegacySql | undefined;

  beforeEach(async () => {
    install = await createInstallation(provider);
    await createLegacyDatabase(install);
    const sql = await openLegacySql(install);
    try {
      await writeLegacyRows(sql);
    } finally {
      await sql.close();
    }
  });

  afterEach(async () => {
    await legacy?.close();
    legacy = undefined;
    await api?.stop();
    api = undefined;
    await services?.close();
    services = undefined;
    await install.cleanup();
  });

  it('init adopts it after a backup, the API serves the legacy rows, and the legacy code keeps reading and writing it', async () => {
    const adopted = JSON.parse(
      expectSuccess(await install.migrateCli('init', '--json'), 'jobsearch-migrate init').stdout,
    ) as InitOutput;
    expect(adopted).toMatchObject({
      ok: true,
      created: false,
      adopted: true,
      // Adoption marks the legacy baseline applied and runs every later migration the release ships.
      applied: loadMigrations(provider).map((migration) => migration.name),
    });
    expect(adopted.backup).not.toBeNull();
    expect(existsSync(adopted.backup!)).toBe(true);
    if (install.dbPath) {
      // The backup is the database as it was before: legacy rows, no migrations table.
      const backup = new Database(adopted.backup!, { readonly: true });
      try {
        expect(backup.prepare('SELECT COUNT(*) AS n FROM job_matches').get()).toEqual({ n: LEGACY_ROWS.length });
        expect(backup.prepare(`SELECT name FROM sqlite_master WHERE name = '_prisma_migrations'`).all()).toEqual([]);
      } finally {
        backup.close();
      }
    } else {
      expect(statSync(adopted.backup!).size).toBeGreaterThan(0);
    }
    const again = JSON.parse(
      expectSuccess(await install.migrateCli('init', '--json'), 'second jobsearch-migrate init').stdout,
    ) as InitOutput;
    expect(again).toMatchObject({ adopted: false, applied: [], backup: null });

    api = await startApi({ cwd: install.dir, args: ['--db', install.db] });
    const evaluated = await allMatches<MatchItem & { searchTerms: string[]; applicationStatus: string }>(api.url, {
      min_score: '0',
    });
    // One row per posting and CV: posting A, stored under two terms, is one row shown through its
    // first-stored evaluation (equal scores), with both terms.
    expect(
      evaluated.map((m) => [m.jobUrl, m.searchTerm, m.searchTerms.join(' + '), m.cvKey, m.overallMatch]).sort(),
    ).toEqual(
      [
        [URL_A, 'IT', `IT + ${LONG_TERM}`, LEGACY_CV, 8],
        [URL_B, 'IT', 'IT', LEGACY_CV, 6],
      ].sort(),
    );
    expect(await allMatches(api.url, { status: 'failed' })).toMatchObject([
      { jobUrl: URL_FAILED, overallMatch: null, evaluationStatus: 'failed' },
    ]);

    const rowA = evaluated.find((m) => m.jobUrl === URL_A)!;
    // The legacy tracker's entry (on the IT evaluation) is the posting's status; B has none.
    expect(evaluated.map((m) => [m.jobUrl, m.applicationStatus]).sort()).toEqual(
      [
        [URL_A, 'APPLIED'],
        [URL_B, 'MATCHED'],
      ].sort(),
    );
    const detail = await getOk<{ match: Record<string, unknown>; otherEvaluations: { searchTerm: string }[] }>(
      `${api.url}/api/matches/${rowA.id}`,
    );
    // Legacy timestamps are served as stored, and scraped_data keeps the scraper's Title Case keys.
    expect(detail.match).toMatchObject({
      matchedAt: '2025-11-02 12:15:30',
      scrapedAt: '2025-11-02T13:15:24.700803',
      reasoning: 'Die Stelle passt sehr gut zum Profil.',
      salaryRange: '80-100%',
      locationCompatibility: 'Yes',
    });
    expect(detail.match.scrapedData).toMatchObject({
      'Job Title': 'Applikationsentwickler/in',
      'Company Name': 'Säntis Informatik AG',
    });
    expect(detail.otherEvaluations.map((e) => e.searchTerm)).toEqual([LONG_TERM]);
    const terms = await getOk<{ items: { searchTerm: string; matches: number }[] }>(`${api.url}/api/search-terms`);
    expect(terms.items.map((t) => [t.searchTerm, t.matches]).sort()).toEqual(
      [
        ['IT', 2],
        [LONG_TERM, 1],
      ].sort(),
    );
    const byUrl = await getOk<{ source: string; evaluations: unknown[] }>(
      `${api.url}/api/jobs?url=${encodeURIComponent('http://ostjob.ch/job/applikationsentwickler-in/1034904/')}`,
    );
    expect(byUrl).toMatchObject({ source: 'database' });
    expect(byUrl.evaluations).toHaveLength(2);

    // The legacy code, on its own connection while the API runs: its columns read back unchanged…
    legacy = await openLegacySql(install);
    const stored = await legacy.all<Record<string, unknown>>(`SELECT ${LEGACY_COLUMNS} FROM job_matches ORDER BY id`);
    expect(stored.map((row) => Object.values(row))).toEqual(LEGACY_ROWS.map((row) => row.values));
    const matchedAt = await legacy.all<{ matched_at: string | null }>('SELECT matched_at FROM job_matches ORDER BY id');
    expect(matchedAt.map((row) => row.matched_at)).toEqual(
      LEGACY_ROWS.map((row) => row.matchedAt ?? expect.any(String)),
    );
    expect(
      await legacy.all('SELECT a.status, m.job_url FROM applications a JOIN job_matches m ON m.id = a.job_match_id'),
    ).toEqual([{ status: 'APPLIED', job_url: URL_A }]);
    expect(
      await legacy.all(
        'SELECT search_term, page_number, jobs_found, new_jobs, duplicate_jobs FROM scrape_history ORDER BY id',
      ),
    ).toEqual([
      { search_term: 'IT', page_number: 1, jobs_found: 10, new_jobs: 3, duplicate_jobs: 7 },
      { search_term: 'IT', page_number: 2, jobs_found: 10, new_jobs: 0, duplicate_jobs: 10 },
    ]);
    expect(
      await legacy.all(
        'SELECT cv_key, file_name, file_path, file_hash, upload_date, summary, metadata FROM cv_versions',
      ),
    ).toEqual([]);

    // …and a row it writes with only its columns is served like any other.
    const urlD = 'https://www.ostjob.ch/job/ict-supporter-in/1035000';
    const marks = LEGACY_COLUMNS.split(',')
      .map(() => '?')
      .join(', ');
    await legacy.run(`INSERT INTO job_matches (${LEGACY_COLUMNS}) VALUES (${marks})`, [
      urlD,
      'IT',
      LEGACY_CV,
      'ICT-Supporter/in',
      'Thur AG',
      '8500 Frauenfeld',
      'N/A',
      '100%',
      7,
      7,
      7,
      7,
      7,
      7,
      7,
      'Yes',
      'Passt.',
      '{}',
      '2025-11-04T10:00:00.000000',
    ]);
    expect(await allMatches(api.url, { search_term: 'IT', min_score: '7' })).toMatchObject(
      expect.arrayContaining([
        expect.objectContaining({ jobUrl: urlD, overallMatch: 7, evaluationStatus: 'evaluated' }),
      ]),
    );
  });

  it('rows this system writes into the adopted database are readable with the legacy columns', async () => {
    expectSuccess(await install.migrateCli('init'), 'jobsearch-migrate init');
    services = await startSearchServices({ initialPostings: 5 });
    const cv = await install.writeCv('lebenslauf.md', CV_TEXT);
    const run = await services.search(install, { term: 'IT', cv, maxPages: 1 });
    expect(run).toMatchObject({ status: 'completed', postingsNew: 5 });

    legacy = await openLegacySql(install);
    const rows = await legacy.all<{
      job_url: string;
      overall_match: number;
      scraped_data: string;
      scraped_at: string;
      matched_at: string;
    }>(`SELECT ${LEGACY_COLUMNS}, matched_at FROM job_matches WHERE cv_key = ? ORDER BY id`, [cv.cvKey]);
    expect(rows.map((row) => row.job_url).sort()).toEqual(services.board.listing('IT').sort());
    for (const row of rows) {
      expect(Number.isInteger(row.overall_match) && row.overall_match >= 1 && row.overall_match <= 10).toBe(true);
      expect(() => JSON.parse(row.scraped_data) as unknown).not.toThrow();
      expect(row.scraped_at).toEqual(expect.any(String));
      expect(row.matched_at).toEqual(expect.any(String));
    }
    const history = await legacy.all<{ search_term: string; jobs_found: number; new_jobs: number }>(
      `SELECT search_term, page_number, jobs_found, new_jobs, duplicate_jobs, scraped_at FROM scrape_history WHERE new_jobs > 0 AND page_number = 1 ORDER BY id DESC`,
    );
    expect(history[0]).toMatchObject({ search_term: 'IT', jobs_found: 5, new_jobs: 5 });
  });
});
