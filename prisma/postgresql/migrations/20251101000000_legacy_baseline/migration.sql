-- The legacy schema (DOMAIN: job_matches, cv_versions, scrape_history, applications) in
-- PostgreSQL types, so a PostgreSQL database holds the same tables as an SQLite one.
CREATE TABLE IF NOT EXISTS "job_matches" (
  "id" SERIAL NOT NULL,
  "job_url" TEXT NOT NULL,
  "search_term" TEXT NOT NULL,
  "cv_key" TEXT NOT NULL,
  "job_title" TEXT,
  "company_name" TEXT,
  "location" TEXT,
  "posting_date" TEXT,
  "salary_range" TEXT,
  "overall_match" INTEGER NOT NULL,
  "skills_match" INTEGER,
  "experience_match" INTEGER,
  "education_fit" INTEGER,
  "career_trajectory_alignment" INTEGER,
  "preference_match" INTEGER,
  "potential_satisfaction" INTEGER,
  "location_compatibility" TEXT,
  "reasoning" TEXT,
  "scraped_data" TEXT NOT NULL,
  "scraped_at" TEXT NOT NULL,
  "matched_at" TEXT DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "job_matches_pkey" PRIMARY KEY ("id")
);
CREATE TABLE IF NOT EXISTS "cv_versions" (
  "cv_key" TEXT NOT NULL,
  "file_name" TEXT NOT NULL,
  "file_path" TEXT NOT NULL,
  "file_hash" TEXT NOT NULL,
  "upload_date" TEXT DEFAULT CURRENT_TIMESTAMP,
  "summary" TEXT,
  "metadata" TEXT,
  CONSTRAINT "cv_versions_pkey" PRIMARY KEY ("cv_key")
);
CREATE TABLE IF NOT EXISTS "scrape_history" (
  "id" SERIAL NOT NULL,
  "search_term" TEXT NOT NULL,
  "page_number" INTEGER NOT NULL,
  "jobs_found" INTEGER NOT NULL,
  "new_jobs" INTEGER NOT NULL,
  "duplicate_jobs" INTEGER NOT NULL,
  "scraped_at" TEXT DEFAULT CURRENT_TIMESTAMP,
  "duration_seconds" DOUBLE PRECISION,
  CONSTRAINT "scrape_history_pkey" PRIMARY KEY ("id")
);
CREATE TABLE IF NOT EXISTS "applications" (
  "id" SERIAL NOT NULL,
  "job_match_id" INTEGER NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'MATCHED',
  "created_at" TEXT DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TEXT DEFAULT CURRENT_TIMESTAMP,
  "notes" TEXT,
  CONSTRAINT "applications_pkey" PRIMARY KEY ("id")
);
-- Named as SQLite names the legacy inline UNIQUE constraints: the shared models map them so.
CREATE UNIQUE INDEX IF NOT EXISTS "sqlite_autoindex_job_matches_1" ON "job_matches"("job_url", "search_term", "cv_key");
CREATE UNIQUE INDEX IF NOT EXISTS "sqlite_autoindex_applications_1" ON "applications"("job_match_id");
CREATE INDEX IF NOT EXISTS "idx_search_term" ON "job_matches"("search_term");
CREATE INDEX IF NOT EXISTS "idx_cv_key" ON "job_matches"("cv_key");
CREATE INDEX IF NOT EXISTS "idx_overall_match" ON "job_matches"("overall_match");
CREATE INDEX IF NOT EXISTS "idx_matched_at" ON "job_matches"("matched_at");
CREATE INDEX IF NOT EXISTS "idx_location" ON "job_matches"("location");
CREATE INDEX IF NOT EXISTS "idx_search_cv_match" ON "job_matches"("search_term", "cv_key", "overall_match");
CREATE INDEX IF NOT EXISTS "idx_applications_status" ON "applications"("status");
ALTER TABLE "applications" ADD CONSTRAINT "applications_job_match_id_fkey" FOREIGN KEY ("job_match_id") REFERENCES "job_matches"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
