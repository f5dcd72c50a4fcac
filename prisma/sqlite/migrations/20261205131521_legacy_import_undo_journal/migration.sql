-- AlterTable
ALTER TABLE "legacy_imports" ADD COLUMN "journaled_at" TEXT;
ALTER TABLE "legacy_imports" ADD COLUMN "undone_at" TEXT;

-- CreateTable
CREATE TABLE "legacy_import_rows" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "import_id" INTEGER NOT NULL,
    "match_id" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "previous" TEXT,
    "written_at" TEXT
);

-- CreateIndex
CREATE INDEX "idx_legacy_import_rows_import" ON "legacy_import_rows"("import_id");

-- CreateIndex
CREATE INDEX "idx_legacy_import_rows_match" ON "legacy_import_rows"("match_id");
