-- AlterTable
ALTER TABLE "search_runs" ADD COLUMN     "heartbeat_at" TEXT;

-- Two processes that both started one search left two running rows, which the unique index
-- below would refuse: all but the newest running row of each (search term, CV) end interrupted.
UPDATE "search_runs" SET "status" = 'interrupted', "stop_reason" = 'interrupted', "finished_at" = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
WHERE "status" = 'running'
  AND "id" NOT IN (SELECT MAX("id") FROM "search_runs" WHERE "status" = 'running' GROUP BY "search_term", "cv_key");

-- CreateIndex
CREATE UNIQUE INDEX "search_runs_one_running" ON "search_runs"("search_term", "cv_key") WHERE (status = 'running');
