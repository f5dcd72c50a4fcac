import type { LegacyFilesResult } from './legacy-files.js';

export interface MigrateBenchOptions {
  /** Legacy records to generate (default 20 000). */
  records?: number;
  /** Records per file (default 100: one legacy run of 10 pages × 10 postings). */
  recordsPerFile?: number;
  /** The jobsearch-migrate bin to time (default: @jobsearchai/migrate-cli's, found by module resolution). */
  cliPath?: string;
  workDir?: string;
  seed?: number;
}

export interface ImportFigures {
  ms: number;
  /** Records in the files ÷ wall time. */
  recordsPerSecond: number;
  inserted: number;
}

export interface CliImportFigures extends ImportFigures {
  /** What the CLI reported about itself (--json). */
  reported: {
    migrated: number;
    duplicates: number;
    rejected: number;
    files: number;
    durationMs: number;
    recordsPerSecond: number;
  };
  /** `init` run beforehand to create the schema (not in ms). */
  initMs: number;
}

export interface MigrateBenchResult {
  config: { records: number; recordsPerFile: number; searchTerm: string; cvKey: string };
  files: LegacyFilesResult;
  /** `jobsearch-migrate migrate` as a child process, spawn to exit. */
  cli: CliImportFigures | { skipped: string };
  /** importLegacyFile() for every file, in-process, on a fresh store. */
  core: ImportFigures;
  /** Read + parseLegacyMatchJson + one prepared better-sqlite3 INSERT per record, one transaction per file. */
  raw: ImportFigures;
  /** Throughput ÷ raw throughput (1 = as fast as the raw loop). */
  ratios: { coreToRaw: number; cliToRaw: number | null };
}
