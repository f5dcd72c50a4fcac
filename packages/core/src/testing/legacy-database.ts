import Database from 'better-sqlite3';
import { BASELINE_MIGRATION, loadMigrations } from '../db/migration-files.js';

/**
 * An SQLite database as the legacy Python installation leaves it: the legacy DDL (the baseline
 * migration is that DDL verbatim), its PRAGMAs, no migrations table, and rows shaped like a real
 * one's (DOMAIN.md §1): the same URL under two search terms, mixed timestamp formats, "N/A"
 * fields, a failed evaluation stored as score 0, fractional and whole durations, applications.
 */
export interface LegacyDatabaseOptions {
  /** job_matches rows (default 24); every other one shares its URL with the one before. */
  matches?: number;
  /** Older installations have no applications table. */
  withApplications?: boolean;
}

export function createLegacySqliteDatabase(path: string, options: LegacyDatabaseOptions = {}): void {
  const baseline = loadMigrations('sqlite').find((migration) => migration.name === BASELINE_MIGRATION);
  if (!baseline) throw new Error('The baseline migration is missing');
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    const withApplications = options.withApplications ?? true;
    db.exec(
      withApplications
        ? baseline.sql
        : baseline.sql
            .replace(/CREATE TABLE IF NOT EXISTS "?applications"?[\s\S]*?\);\n/i, '')
            .replace(/CREATE INDEX IF NOT EXISTS "?idx_applications_status"?.*\n/i, ''),
    );
    const insert = db.prepare(
      `INSERT INTO job_matches (job_url, search_term, cv_key, job_title, company_name, location, posting_date, salary_range,
         overall_match, skills_match, experience_match, education_fit, career_trajectory_alignment, preference_match,
         potential_satisfaction, location_compatibility, reasoning, scraped_data, scraped_at, matched_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const count = options.matches ?? 24;
    const write = db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const posting = 1_032_000 + Math.floor(i / 2);
        const failed = i % 11 === 5;
        const score = failed ? 0 : (i % 10) + 1;
        insert.run(
          `https://www.ostjob.ch/job/informatiker-in-efz/${posting}`,
          i % 2 === 0 ? 'IT' : 'IT-typ-festanstellung-pensum-80-bis-100',
          'a1b2c3d4e5f60718',
          `Informatiker/in EFZ ${posting}`,
          i % 3 === 0 ? null : 'Muster AG',
          '9000 St. Gallen',
          i % 4 === 0 ? 'N/A' : i % 4 === 1 ? null : `0${(i % 9) + 1}.11.2025`,
          i % 2 === 0 ? 'N/A' : '80-100%',
          score,
          failed ? null : 7,
          failed ? null : 8,
          failed ? null : 6,
          failed ? null : 7,
          failed ? null : 8,
          failed ? null : 9,
          ['Yes', 'No', 'Unknown'][i % 3],
          failed
            ? 'Error evaluating match'
            : `Die Stelle passt gut zum Profil.\nSchwerpunkt\tIT-Support, "Windows" \\ Netzwerk. ${i}`,
          i % 5 === 0
            ? JSON.stringify({ job_title: `Informatiker/in EFZ ${posting}`, overall_match: score, url_migrated: true })
            : JSON.stringify({ 'Job Title': `Informatiker/in EFZ ${posting}`, 'Company Name': 'Muster AG' }),
          `2025-11-02T13:15:${String(i % 60).padStart(2, '0')}.700803`,
          `2025-11-02 12:15:${String(i % 60).padStart(2, '0')}`,
        );
      }
      const history = db.prepare(
        `INSERT INTO scrape_history (search_term, page_number, jobs_found, new_jobs, duplicate_jobs, scraped_at, duration_seconds) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      history.run('IT', 1, 10, 8, 2, '2025-11-02 12:15:00', 12.5);
      history.run('IT', 2, 10, 0, 10, '2025-11-02 12:15:14', 3);
      history.run('IT', 3, 0, 0, 0, '2025-11-02 12:15:20', null);
      if (withApplications && count >= 3) {
        const application = db.prepare(`INSERT INTO applications (job_match_id, status, notes) VALUES (?, ?, ?)`);
        application.run(1, 'APPLIED', 'Bewerbung am 3.11. gesendet');
        application.run(3, 'INTERVIEW', null);
      }
    });
    write();
  } finally {
    db.close();
  }
}
