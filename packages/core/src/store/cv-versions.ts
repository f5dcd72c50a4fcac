import type { SqlDriver } from '../db/sql-driver.js';
import { nowIso } from '../time.js';
import { parseJsonText } from './match-columns.js';
import type { CvVersionInput, CvVersionRecord } from './types.js';
import type { CvVersionRow } from './row-types.js';

/** Registers a CV (once per cv_key); a later call fills in what was missing, e.g. the summary. */
export async function upsertCvVersion(driver: SqlDriver, input: CvVersionInput): Promise<void> {
  await driver.execute(
    `INSERT INTO cv_versions (cv_key, file_name, file_path, file_hash, upload_date, summary, metadata, extracted_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (cv_key) DO UPDATE SET summary = COALESCE(excluded.summary, cv_versions.summary), metadata = COALESCE(excluded.metadata, cv_versions.metadata), extracted_text = COALESCE(excluded.extracted_text, cv_versions.extracted_text)`,
    [
      input.cvKey,
      input.fileName,
      input.filePath,
      input.fileHash,
      nowIso(),
      input.summary ?? null,
      input.metadata ? JSON.stringify(input.metadata) : null,
      input.extractedText ?? null,
    ],
  );
}

export interface CvTextRecord {
  text: string | null;
  summary: string | null;
  metadata: unknown;
}

export async function getCvText(driver: SqlDriver, cvKey: string): Promise<CvTextRecord | null> {
  const [row] = await driver.query<Pick<CvVersionRow, 'extractedText' | 'summary' | 'metadata'>>(
    `SELECT extracted_text AS "extractedText", summary, metadata FROM cv_versions WHERE cv_key = ?`,
    [cvKey],
  );
  return row ? { text: row.extractedText, summary: row.summary, metadata: parseJsonText(row.metadata) } : null;
}

/** CV versions, newest first, with how many evaluations each has (including keys only seen in matches). */
export async function listCvVersions(driver: SqlDriver): Promise<CvVersionRecord[]> {
  const rows = await driver.query<{
    cv_key: string;
    file_name: string | null;
    file_path: string | null;
    file_hash: string | null;
    upload_date: string | null;
    summary: string | null;
    metadata: string | null;
    has_text: number | boolean | null;
    evaluations: number;
  }>(
    `SELECT k.cv_key, v.file_name, v.file_path, v.file_hash, v.upload_date, v.summary, v.metadata,
            CASE WHEN v.extracted_text IS NULL THEN 0 ELSE 1 END AS has_text,
            (SELECT COUNT(*) FROM job_matches m WHERE m.cv_key = k.cv_key) AS evaluations
       FROM (SELECT cv_key FROM cv_versions UNION SELECT DISTINCT cv_key FROM job_matches) k
       LEFT JOIN cv_versions v ON v.cv_key = k.cv_key
      ORDER BY v.upload_date DESC NULLS LAST, k.cv_key`,
  );
  // Legacy databases often have an empty cv_versions table: keys known only from matches still show.
  return rows.map((row) => ({
    cvKey: row.cv_key,
    fileName: row.file_name ?? '',
    filePath: row.file_path ?? '',
    fileHash: row.file_hash ?? '',
    uploadDate: row.upload_date,
    summary: row.summary,
    metadata: parseJsonText(row.metadata),
    hasText: Number(row.has_text) === 1,
    evaluations: Number(row.evaluations),
  }));
}
