/** The legacy installation's schema exactly as DOMAIN.md §1 gives it (CREATE TABLE IF NOT EXISTS in the original). */
export const LEGACY_DDL = `
CREATE TABLE job_matches (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_url TEXT NOT NULL, search_term TEXT NOT NULL, cv_key TEXT NOT NULL,
  job_title TEXT, company_name TEXT, location TEXT, posting_date TEXT, salary_range TEXT,
  overall_match INTEGER NOT NULL,
  skills_match INTEGER, experience_match INTEGER, education_fit INTEGER,
  career_trajectory_alignment INTEGER, preference_match INTEGER, potential_satisfaction INTEGER,
  location_compatibility TEXT, reasoning TEXT,
  scraped_data TEXT NOT NULL,
  scraped_at TEXT NOT NULL,
  matched_at TEXT DEFAULT CURRENT_TIMESTAMP,
  UNIQUE(job_url, search_term, cv_key)
);
CREATE TABLE cv_versions (
  cv_key TEXT PRIMARY KEY, file_name TEXT NOT NULL, file_path TEXT NOT NULL,
  file_hash TEXT NOT NULL,
  upload_date TEXT DEFAULT CURRENT_TIMESTAMP, summary TEXT, metadata TEXT
);
CREATE TABLE scrape_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT, search_term TEXT NOT NULL, page_number INTEGER NOT NULL,
  jobs_found INTEGER NOT NULL, new_jobs INTEGER NOT NULL, duplicate_jobs INTEGER NOT NULL,
  scraped_at TEXT DEFAULT CURRENT_TIMESTAMP, duration_seconds REAL
);
CREATE TABLE applications (
  id INTEGER PRIMARY KEY AUTOINCREMENT, job_match_id INTEGER NOT NULL UNIQUE,
  status TEXT NOT NULL DEFAULT 'MATCHED', created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT DEFAULT CURRENT_TIMESTAMP, notes TEXT,
  FOREIGN KEY(job_match_id) REFERENCES job_matches(id) ON DELETE CASCADE
);
CREATE INDEX idx_search_term ON job_matches(search_term);
CREATE INDEX idx_cv_key ON job_matches(cv_key);
CREATE INDEX idx_overall_match ON job_matches(overall_match);
CREATE INDEX idx_matched_at ON job_matches(matched_at);
CREATE INDEX idx_location ON job_matches(location);
CREATE INDEX idx_search_cv_match ON job_matches(search_term, cv_key, overall_match);
CREATE INDEX idx_applications_status ON applications(status);
`;

/** PRAGMAs the legacy code sets on every connection. */
export const LEGACY_PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'foreign_keys = ON',
  'temp_store = MEMORY',
];
