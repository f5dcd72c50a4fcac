-- This release: nullable columns on legacy tables (the legacy code ignores them) and the
-- tables for search runs, the LLM usage ledger, legacy imports, monitoring events and
-- every scraped posting.

ALTER TABLE "job_matches" ADD COLUMN "evaluation_status" TEXT;
ALTER TABLE "job_matches" ADD COLUMN "matcher" TEXT;
ALTER TABLE "job_matches" ADD COLUMN "model" TEXT;
ALTER TABLE "job_matches" ADD COLUMN "run_id" INTEGER;
ALTER TABLE "job_matches" ADD COLUMN "source" TEXT;
ALTER TABLE "job_matches" ADD COLUMN "updated_at" TEXT;
ALTER TABLE "cv_versions" ADD COLUMN "extracted_text" TEXT;
ALTER TABLE "scrape_history" ADD COLUMN "run_id" INTEGER;
ALTER TABLE "scrape_history" ADD COLUMN "cv_key" TEXT;
ALTER TABLE "scrape_history" ADD COLUMN "page_status" TEXT;

CREATE TABLE "job_postings" (
    "url" TEXT NOT NULL,
    "title" TEXT,
    "company_name" TEXT,
    "location" TEXT,
    "posting_date" TEXT,
    "salary_range" TEXT,
    "description" TEXT,
    "skills" TEXT,
    "raw_data" TEXT,
    "source" TEXT,
    "first_seen_at" TEXT NOT NULL,
    "last_seen_at" TEXT NOT NULL,
    "details_fetched_at" TEXT,
    CONSTRAINT "job_postings_pkey" PRIMARY KEY ("url")
);

CREATE TABLE "search_runs" (
    "id" SERIAL NOT NULL,
    "search_term" TEXT NOT NULL,
    "cv_key" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "matcher" TEXT NOT NULL,
    "model" TEXT,
    "status" TEXT NOT NULL,
    "stop_reason" TEXT,
    "error" TEXT,
    "max_pages" INTEGER NOT NULL,
    "pages_scraped" INTEGER NOT NULL DEFAULT 0,
    "pages_saved" INTEGER NOT NULL DEFAULT 0,
    "postings_seen" INTEGER NOT NULL DEFAULT 0,
    "postings_new" INTEGER NOT NULL DEFAULT 0,
    "postings_duplicate" INTEGER NOT NULL DEFAULT 0,
    "postings_reused" INTEGER NOT NULL DEFAULT 0,
    "llm_calls" INTEGER NOT NULL DEFAULT 0,
    "llm_failed" INTEGER NOT NULL DEFAULT 0,
    "llm_saved" INTEGER NOT NULL DEFAULT 0,
    "tokens_in" INTEGER NOT NULL DEFAULT 0,
    "tokens_out" INTEGER NOT NULL DEFAULT 0,
    "cost_usd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "cost_saved_usd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "started_at" TEXT NOT NULL,
    "finished_at" TEXT,
    "duration_ms" INTEGER,
    CONSTRAINT "search_runs_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "llm_usage" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER,
    "purpose" TEXT NOT NULL,
    "job_url" TEXT,
    "cv_key" TEXT,
    "model" TEXT NOT NULL,
    "prompt_tokens" INTEGER NOT NULL DEFAULT 0,
    "completion_tokens" INTEGER NOT NULL DEFAULT 0,
    "cached_tokens" INTEGER NOT NULL DEFAULT 0,
    "reasoning_tokens" INTEGER NOT NULL DEFAULT 0,
    "cost_usd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "latency_ms" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "error" TEXT,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "llm_usage_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "legacy_imports" (
    "id" SERIAL NOT NULL,
    "file_path" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "search_term" TEXT NOT NULL,
    "cv_key" TEXT NOT NULL,
    "records" INTEGER NOT NULL,
    "migrated" INTEGER NOT NULL,
    "duplicates" INTEGER NOT NULL,
    "updated" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "details" TEXT,
    "started_at" TEXT NOT NULL,
    "finished_at" TEXT,
    "duration_ms" INTEGER,
    CONSTRAINT "legacy_imports_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "app_events" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "component" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" TEXT,
    "run_id" INTEGER,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "app_events_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "idx_job_matches_dashboard" ON "job_matches"("search_term", "cv_key", "overall_match", "id");
CREATE INDEX "idx_job_matches_term_date" ON "job_matches"("search_term", "cv_key", "matched_at", "id");
CREATE INDEX "idx_job_matches_url_cv" ON "job_matches"("job_url", "cv_key", "search_term", "overall_match");
CREATE INDEX "idx_scrape_history_run" ON "scrape_history"("run_id");
CREATE INDEX "idx_search_runs_started" ON "search_runs"("started_at");
CREATE INDEX "idx_search_runs_term_cv" ON "search_runs"("search_term", "cv_key", "status");
CREATE INDEX "idx_llm_usage_created" ON "llm_usage"("created_at");
CREATE INDEX "idx_llm_usage_run" ON "llm_usage"("run_id");
CREATE INDEX "idx_legacy_imports_sha256" ON "legacy_imports"("sha256");
CREATE INDEX "idx_app_events_kind_created" ON "app_events"("kind", "created_at");
CREATE INDEX "idx_app_events_created" ON "app_events"("created_at");
