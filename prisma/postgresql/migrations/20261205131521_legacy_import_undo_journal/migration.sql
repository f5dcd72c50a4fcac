-- AlterTable
ALTER TABLE "legacy_imports" ADD COLUMN     "journaled_at" TEXT,
ADD COLUMN     "undone_at" TEXT;

-- CreateTable
CREATE TABLE "legacy_import_rows" (
    "id" SERIAL NOT NULL,
    "import_id" INTEGER NOT NULL,
    "match_id" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "previous" TEXT,
    "written_at" TEXT,

    CONSTRAINT "legacy_import_rows_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_legacy_import_rows_import" ON "legacy_import_rows"("import_id");

-- CreateIndex
CREATE INDEX "idx_legacy_import_rows_match" ON "legacy_import_rows"("match_id");
