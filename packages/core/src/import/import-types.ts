import type { LegacyFileText } from '../legacy/read-legacy-file-text.js';
import type { CvVersionInput, OnDuplicate } from '../store/types.js';

export interface ImportLegacyFileOptions {
  /** A legacy `job_matches_*.json` file. */
  path: string;
  searchTerm: string;
  /** 16 lowercase hex characters. */
  cvKey: string;
  /** What to do with a record whose key is already stored: keep the stored row (default) or overwrite it. */
  onDuplicate?: OnDuplicate;
  /**
   * Look for a completed import of the same content (sha256) first and, if there is one, report
   * the file as already imported instead of importing it (default true). A caller that checked a
   * whole folder at once (completedImports), or that imports again on purpose, passes false.
   */
  skipIfImported?: boolean;
  /** Run the whole import and roll it back: exact counts, nothing written (see rolledBack for previews of several files). */
  dryRun?: boolean;
  /** scraped_at/matched_at of the rows; default: the file name's timestamp, else the time of the import. */
  matchedAt?: string;
  /** A CV to register in cv_versions, in the same transaction as the rows that refer to it. */
  cv?: Omit<CvVersionInput, 'cvKey'>;
  /**
   * Keys (matchKey) that earlier files of the same run wrote. onDuplicate 'update' leaves those
   * rows as the earlier file wrote them, so a forced run over several files stores each key's
   * first record, as a plain run does (a failed one is still replaced). The import adds the keys
   * of its own records.
   */
  runKeys?: Set<string>;
  /** The file as readLegacyFileText returned it, for a caller that read it ahead (while the previous file was written). */
  content?: LegacyFileText;
}

export interface RejectedRecordReport {
  /** Position in the file's array, from 0 (people count from 1: record index + 1). */
  index: number;
  /** The record's job title, when it has one: finds the record in the file without counting. */
  title: string | null;
  reason: string;
}

export type ImportFileStatus = 'imported' | 'already-imported' | 'dry-run';

export interface ImportFileResult {
  path: string;
  fileName: string;
  sha256: string;
  searchTerm: string;
  cvKey: string;
  status: ImportFileStatus;
  /** Elements of the file's array: migrated + duplicates + updated + replacedFailed + rejected. */
  records: number;
  /** Rows inserted. */
  migrated: number;
  /** Records whose key was already stored or came earlier in the file, left as they were. */
  duplicates: number;
  /** The part of `duplicates` (and `updated`) that repeats a key earlier in the same file. */
  duplicatesWithinFile: number;
  /** Stored rows overwritten (onDuplicate 'update') because their content differed. */
  updated: number;
  /** The part of `duplicates` that onDuplicate 'update' found identical. */
  unchanged: number;
  /**
   * Stored failed evaluations (an earlier file's or the pipeline's) that a successful evaluation
   * in this file replaced, with or without onDuplicate 'update'.
   */
  replacedFailed: number;
  rejected: number;
  rejections: RejectedRecordReport[];
  /** Legacy failed evaluations, imported as failed rows to be evaluated again. */
  failedEvaluations: number;
  /** scraped_at/matched_at written. */
  matchedAt: string;
  /** The legacy_imports row: this import's, or for 'already-imported' the earlier one. */
  importId: number | null;
  durationMs: number;
}
