-- CreateTable
CREATE TABLE "alert_deliveries" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "job_url" TEXT NOT NULL,
    "cv_key" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "match_id" INTEGER NOT NULL,
    "run_id" INTEGER NOT NULL,
    "schedule_id" INTEGER,
    "search_term" TEXT NOT NULL,
    "job_title" TEXT,
    "company_name" TEXT,
    "location" TEXT,
    "score" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "due_at" TEXT NOT NULL,
    "next_attempt_at" TEXT NOT NULL,
    "claimed_by" TEXT,
    "claim_expires_at" TEXT,
    "last_error" TEXT,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "sent_at" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_schedules" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "search_term" TEXT NOT NULL,
    "cv_key" TEXT NOT NULL,
    "max_pages" INTEGER NOT NULL,
    "cron" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "alert_threshold" INTEGER NOT NULL DEFAULT 8,
    "alert_delivery" TEXT NOT NULL DEFAULT 'run',
    "next_run_at" TEXT,
    "claimed_by" TEXT,
    "claim_expires_at" TEXT,
    "last_run_id" INTEGER,
    "last_run_at" TEXT,
    "last_error" TEXT,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
INSERT INTO "new_schedules" ("alert_threshold", "claim_expires_at", "claimed_by", "created_at", "cron", "cv_key", "enabled", "id", "last_error", "last_run_at", "last_run_id", "max_pages", "next_run_at", "search_term", "time_zone", "updated_at") SELECT "alert_threshold", "claim_expires_at", "claimed_by", "created_at", "cron", "cv_key", "enabled", "id", "last_error", "last_run_at", "last_run_id", "max_pages", "next_run_at", "search_term", "time_zone", "updated_at" FROM "schedules";
DROP TABLE "schedules";
ALTER TABLE "new_schedules" RENAME TO "schedules";
CREATE INDEX "idx_schedules_due" ON "schedules"("enabled", "next_run_at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "idx_alert_deliveries_due" ON "alert_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "idx_alert_deliveries_run" ON "alert_deliveries"("run_id");

-- CreateIndex
CREATE UNIQUE INDEX "alert_deliveries_once" ON "alert_deliveries"("job_url", "cv_key", "channel");
