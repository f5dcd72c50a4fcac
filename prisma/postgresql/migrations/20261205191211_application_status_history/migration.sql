-- CreateTable
CREATE TABLE "application_status_history" (
    "id" SERIAL NOT NULL,
    "job_url" TEXT NOT NULL,
    "cv_key" TEXT NOT NULL,
    "from_status" TEXT NOT NULL,
    "to_status" TEXT NOT NULL,
    "notes_changed" BOOLEAN NOT NULL DEFAULT false,
    "notes" TEXT,
    "changed_at" TEXT NOT NULL,

    CONSTRAINT "application_status_history_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_application_history_posting" ON "application_status_history"("job_url", "cv_key", "id");
