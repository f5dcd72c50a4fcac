-- AlterTable
ALTER TABLE "llm_usage" ADD COLUMN     "service_tier" TEXT;

-- AlterTable
ALTER TABLE "search_runs" ADD COLUMN     "flex_fallbacks" INTEGER;
