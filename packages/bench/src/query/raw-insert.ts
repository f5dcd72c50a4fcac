import Database from 'better-sqlite3';
import type { MatchInput } from '@jobsearchai/core';
import type { BulkInsertFigures } from './query-types.js';
import { realisticRows } from './realistic-rows.js';

const COLUMNS = [
  'job_url',
  'search_term',
  'cv_key',
  'job_title',
  'company_name',
  'location',
  'posting_date',
  'salary_range',
  'overall_match',
  'skills_match',
  'experience_match',
  'education_fit',
  'career_trajectory_alignment',
  'preference_match',
  'potential_satisfaction',
  'location_compatibility',
  'reasoning',
  'scraped_data',
  'scraped_at',
  'matched_at',
  'evaluation_status',
  'matcher',
  'model',
  'run_id',
  'source',
  'updated_at',
] as const;

export const RAW_INSERT_SQL = `INSERT INTO job_matches (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (job_url, search_term, cv_key) DO NOTHING`;

/** The row as the raw loop binds it: the same values the store writes. */
export function rawValues(input: MatchInput, now: string): unknown[] {
  return [
    input.jobUrl,
    input.searchTerm,
    input.cvKey,
    input.jobTitle ?? null,
    input.companyName ?? null,
    input.location ?? null,
    input.postingDate ?? null,
    input.salaryRange ?? null,
    input.overallMatch ?? 0,
    input.skillsMatch ?? null,
    input.experienceMatch ?? null,
    input.educationFit ?? null,
    input.careerTrajectoryAlignment ?? null,
    input.preferenceMatch ?? null,
    input.potentialSatisfaction ?? null,
    input.locationCompatibility ?? null,
    input.reasoning ?? null,
    typeof input.scrapedData === 'string' ? input.scrapedData : JSON.stringify(input.scrapedData ?? {}),
    input.scrapedAt ?? now,
    input.matchedAt ?? now,
    input.overallMatch === null ? 'failed' : 'evaluated',
    input.matcher ?? null,
    input.model ?? null,
    input.runId ?? null,
    input.source ?? null,
    now,
  ];
}

/**
 * The raw comparison for the bulk path: one prepared single-row INSERT per row, one transaction
 * per chunk, on a file whose schema the store created. Generating rows is not timed.
 */
export function rawBulkInsert(path: string, rows: number, chunkRows: number): BulkInsertFigures {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const insert = db.prepare(RAW_INSERT_SQL);
    const insertChunk = db.transaction((chunk: MatchInput[], now: string) => {
      let changes = 0;
      for (const input of chunk) changes += insert.run(...rawValues(input, now)).changes;
      return changes;
    });
    let insertMs = 0;
    let inserted = 0;
    for (let start = 0; start < rows; start += chunkRows) {
      const chunk = realisticRows(start, Math.min(rows, start + chunkRows));
      const started = performance.now();
      inserted += insertChunk(chunk, new Date().toISOString());
      insertMs += performance.now() - started;
    }
    return {
      rows: inserted,
      insertMs: Math.round(insertMs),
      recordsPerSecond: Math.round(inserted / (insertMs / 1000)),
    };
  } finally {
    db.close();
  }
}
