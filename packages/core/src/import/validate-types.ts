export interface ValidateImportsOptions {
  /** Where to look for an imported file whose recorded path no longer exists (by its file name). */
  dir?: string;
  /** Records compared field by field with their rows (default 10). */
  sample?: number;
  /** Seed of the sample; default random. The report names the seed used, so a run can be repeated. */
  seed?: number;
  /** Keys and row problems listed per finding (the counts are always complete). Default 50. */
  maxListed?: number;
}

export type FileValidationStatus = 'ok' | 'discrepancies' | 'file-missing' | 'file-changed' | 'unreadable';

export interface ListedKeys {
  count: number;
  /** The first `maxListed` job URLs. */
  keys: string[];
}

export interface FileValidation {
  importId: number;
  fileName: string;
  /** Where the file was found; null when it was not. */
  path: string | null;
  sha256: string;
  searchTerm: string;
  cvKey: string;
  status: FileValidationStatus;
  /** Elements of the file's array now, and as recorded at import time. */
  recordsInFile: number | null;
  recordedRecords: number;
  rejectedRecords: number | null;
  /** Distinct posting URLs among the accepted records: the rows the import must have left. */
  uniqueKeys: number | null;
  rowsFound: number | null;
  missingKeys: ListedKeys;
  problems: string[];
}

export interface ExtraRows extends ListedKeys {
  searchTerm: string;
  cvKey: string;
}

export interface FieldDifference {
  field: string;
  /** Shortened JSON, as in rejection reasons. */
  expected: string;
  actual: string;
}

export interface SampleMismatch {
  id: number;
  jobUrl: string;
  searchTerm: string;
  cvKey: string;
  fileName: string;
  differences: FieldDifference[];
}

export interface SampleReport {
  requested: number;
  seed: number;
  compared: number;
  /** Sampled records whose row an import did not write (it existed before) or that is missing. */
  notCompared: number;
  mismatches: SampleMismatch[];
}

export interface RowProblem {
  id: number;
  jobUrl: string;
  problems: string[];
}

export interface RowCheckReport {
  checked: number;
  invalid: number;
  /** The first `maxListed` invalid rows. */
  problems: RowProblem[];
}

export interface ValidationReport {
  ok: boolean;
  /** Every finding counted once: a missing key, an extra row, a sample mismatch, an invalid row, a file problem. */
  discrepancies: number;
  files: FileValidation[];
  /** Rows written by an import that no imported file contains. */
  extraRows: ExtraRows[];
  sample: SampleReport;
  rows: RowCheckReport;
  durationMs: number;
}
