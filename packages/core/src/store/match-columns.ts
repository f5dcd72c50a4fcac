import { nowIso } from '../time.js';
import type { SqlValue } from '../db/sql-driver.js';
import type { EvaluationStatus, MatchDetail, MatchInput, MatchRecord } from './types.js';

/** The six sub-scores of an evaluation (integers 0–10, like overall_match). */
export const SUB_SCORE_COLUMNS = [
  'skills_match',
  'experience_match',
  'education_fit',
  'career_trajectory_alignment',
  'preference_match',
  'potential_satisfaction',
] as const;

/** Columns written for a match, in statement order. The key columns come first. */
export const MATCH_WRITE_COLUMNS = [
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

/** Columns compared to tell an update from an unchanged row (timestamps and provenance excluded). */
export const MATCH_CONTENT_COLUMNS = MATCH_WRITE_COLUMNS.slice(3, 18);

const KEY_COUNT = 3;

export function matchValues(input: MatchInput, now: string = nowIso()): SqlValue[] {
  const failed = input.overallMatch === null;
  const status: EvaluationStatus = failed ? 'failed' : 'evaluated';
  return [
    input.jobUrl,
    input.searchTerm,
    input.cvKey,
    input.jobTitle ?? null,
    input.companyName ?? null,
    input.location ?? null,
    input.postingDate ?? null,
    input.salaryRange ?? null,
    // The legacy schema requires a score: 0 is how it encoded a failed evaluation; readers map it back to null.
    input.overallMatch ?? 0,
    failed ? null : (input.skillsMatch ?? null),
    failed ? null : (input.experienceMatch ?? null),
    failed ? null : (input.educationFit ?? null),
    failed ? null : (input.careerTrajectoryAlignment ?? null),
    failed ? null : (input.preferenceMatch ?? null),
    failed ? null : (input.potentialSatisfaction ?? null),
    input.locationCompatibility ?? null,
    input.reasoning ?? null,
    typeof input.scrapedData === 'string' ? input.scrapedData : JSON.stringify(input.scrapedData ?? {}),
    input.scrapedAt ?? now,
    input.matchedAt ?? now,
    status,
    input.matcher ?? null,
    input.model ?? null,
    input.runId ?? null,
    input.source ?? null,
    now,
  ];
}

export function keyOf(values: readonly SqlValue[]): string {
  return `${values[0]}\u0000${values[1]}\u0000${values[2]}`;
}

/** The dedup key of a match as one string, the form InsertMatchesOptions.keepKeys takes. */
export function matchKey(input: Pick<MatchInput, 'jobUrl' | 'searchTerm' | 'cvKey'>): string {
  return `${input.jobUrl}\u0000${input.searchTerm}\u0000${input.cvKey}`;
}

const OVERALL_MATCH_INDEX = MATCH_WRITE_COLUMNS.indexOf('overall_match');
const STATUS_INDEX = MATCH_WRITE_COLUMNS.indexOf('evaluation_status');

/** Row values (matchValues) of a failed evaluation: the same test as toMatchRecord's. */
export function isFailedValues(values: readonly SqlValue[]): boolean {
  return values[STATUS_INDEX] === 'failed' || Number(values[OVERALL_MATCH_INDEX]) < 1;
}

/** SQL condition for a stored failed evaluation (legacy rows: score 0, no status). */
export const STORED_FAILED_SQL = "(overall_match < 1 OR evaluation_status = 'failed')";

export { KEY_COUNT };

/** Columns read for lists: everything but the (large) scraped_data. */
export const MATCH_LIST_COLUMNS =
  'id, job_url, search_term, cv_key, job_title, company_name, location, posting_date, salary_range, overall_match, skills_match, experience_match, education_fit, career_trajectory_alignment, preference_match, potential_satisfaction, location_compatibility, reasoning, evaluation_status, matcher, model, run_id, source, scraped_at, matched_at, updated_at';

export interface MatchRow {
  id: number;
  job_url: string;
  search_term: string;
  cv_key: string;
  job_title: string | null;
  company_name: string | null;
  location: string | null;
  posting_date: string | null;
  salary_range: string | null;
  overall_match: number;
  skills_match: number | null;
  experience_match: number | null;
  education_fit: number | null;
  career_trajectory_alignment: number | null;
  preference_match: number | null;
  potential_satisfaction: number | null;
  location_compatibility: string | null;
  reasoning: string | null;
  evaluation_status: string | null;
  matcher: string | null;
  model: string | null;
  run_id: number | null;
  source: string | null;
  scraped_at: string | null;
  matched_at: string | null;
  updated_at: string | null;
  scraped_data?: string;
}

/** A score below 1 is a failed evaluation (legacy rows: 0 + "Error evaluating match"). */
export function toMatchRecord(row: MatchRow): MatchRecord {
  const failed = row.overall_match < 1 || row.evaluation_status === 'failed';
  return {
    id: Number(row.id),
    jobUrl: row.job_url,
    searchTerm: row.search_term,
    cvKey: row.cv_key,
    jobTitle: row.job_title,
    companyName: row.company_name,
    location: row.location,
    postingDate: row.posting_date,
    salaryRange: row.salary_range,
    overallMatch: failed ? null : row.overall_match,
    skillsMatch: row.skills_match,
    experienceMatch: row.experience_match,
    educationFit: row.education_fit,
    careerTrajectoryAlignment: row.career_trajectory_alignment,
    preferenceMatch: row.preference_match,
    potentialSatisfaction: row.potential_satisfaction,
    locationCompatibility: row.location_compatibility,
    reasoning: row.reasoning,
    evaluationStatus: failed ? 'failed' : 'evaluated',
    matcher: row.matcher,
    model: row.model,
    runId: row.run_id == null ? null : Number(row.run_id),
    source: row.source,
    scrapedAt: row.scraped_at == null ? null : String(row.scraped_at),
    matchedAt: row.matched_at == null ? null : String(row.matched_at),
    updatedAt: row.updated_at,
  };
}

export function toMatchDetail(row: MatchRow): MatchDetail {
  return { ...toMatchRecord(row), scrapedData: parseJsonText(row.scraped_data ?? null) };
}

export function parseJsonText(text: string | null): unknown {
  if (text == null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
