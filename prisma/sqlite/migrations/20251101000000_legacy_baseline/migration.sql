-- The schema of the legacy Python installation, verbatim. A legacy database already has it:
-- adopting that database marks this migration applied; IF NOT EXISTS lets adoption also add
-- the `applications` table that older installations lack.
CREATE TABLE IF NOT EXISTS job_matches (
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
CREATE TABLE IF NOT EXISTS cv_versions (
  cv_key TEXT PRIMARY KEY, file_name TEXT NOT NULL, file_path TEXT NOT NULL,
  file_hash TEXT NOT NULL,
  upload_date TEXT DEFAULT CURRENT_TIMESTAMP, summary TEXT, metadata TEXT
);
CREATE TABLE IF NOT EXISTS scrape_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT, search_term TEXT NOT NULL, page_number INTEGER NOT NULL,
  jobs_found INTEGER NOT NULL, new_jobs INTEGER NOT NULL, duplicate_jobs INTEGER NOT NULL,
  scraped_at TEXT DEFAULT CURRENT_TIMESTAMP, duration_seconds REAL
);
CREATE TABLE IF NOT EXISTS applications (
  id INTEGER PRIMARY KEY AUTOINCREMENT, job_match_id INTEGER NOT NULL UNIQUE,
  status TEXT NOT NULL DEFAULT 'MATCHED', created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT DEFAULT CURRENT_TIMESTAMP, notes TEXT,
  FOREIGN KEY(job_match_id) REFERENCES job_matches(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS idx_search_term ON job_matches(search_term);
CREATE INDEX IF NOT EXISTS idx_cv_key ON job_matches(cv_key);
CREATE INDEX IF NOT EXISTS idx_overall_match ON job_matches(overall_match);
CREATE INDEX IF NOT EXISTS idx_matched_at ON job_matches(matched_at);
CREATE INDEX IF NOT EXISTS idx_location ON job_matches(location);
CREATE INDEX IF NOT EXISTS idx_search_cv_match ON job_matches(search_term, cv_key, overall_match);
CREATE INDEX IF NOT EXISTS idx_applications_status ON applications(status);
