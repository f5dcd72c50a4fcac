-- CreateTable
CREATE TABLE "schedules" (
    "id" SERIAL NOT NULL,
    "search_term" TEXT NOT NULL,
    "cv_key" TEXT NOT NULL,
    "max_pages" INTEGER NOT NULL,
    "cron" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "alert_threshold" INTEGER NOT NULL DEFAULT 8,
    "next_run_at" TEXT,
    "claimed_by" TEXT,
    "claim_expires_at" TEXT,
    "last_run_id" INTEGER,
    "last_run_at" TEXT,
    "last_error" TEXT,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,

    CONSTRAINT "schedules_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_schedules_due" ON "schedules"("enabled", "next_run_at");
