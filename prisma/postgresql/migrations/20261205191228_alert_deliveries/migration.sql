-- AlterTable
ALTER TABLE "schedules" ADD COLUMN     "alert_delivery" TEXT NOT NULL DEFAULT 'run';

-- CreateTable
CREATE TABLE "alert_deliveries" (
    "id" SERIAL NOT NULL,
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
    "sent_at" TEXT,

    CONSTRAINT "alert_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_alert_deliveries_due" ON "alert_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "idx_alert_deliveries_run" ON "alert_deliveries"("run_id");

-- CreateIndex
CREATE UNIQUE INDEX "alert_deliveries_once" ON "alert_deliveries"("job_url", "cv_key", "channel");
