-- CreateIndex
CREATE INDEX "idx_job_matches_term_score" ON "job_matches"("search_term", "overall_match", "id");

-- CreateIndex
CREATE INDEX "idx_job_matches_term_only_date" ON "job_matches"("search_term", "matched_at", "id");

-- CreateIndex
CREATE INDEX "idx_job_matches_score_id" ON "job_matches"("overall_match", "id");
