import { tryNormalizeJobUrl } from '../url/normalize-job-url.js';
import { describeJsonValue } from './describe-json-value.js';

/**
 * The keys each field goes by in legacy files: the matcher wrote snake_case, the scraper Title
 * Case. The first key with a usable value wins.
 */
export const LEGACY_KEYS = {
  jobUrl: ['application_url', 'Application URL', 'job_url', 'Job URL', 'url', 'URL'],
  jobTitle: ['job_title', 'Job Title'],
  companyName: ['company_name', 'Company Name'],
  location: ['location', 'Location'],
  postingDate: ['posting_date', 'Posting Date'],
  salaryRange: ['salary_range', 'Salary Range'],
  overallMatch: ['overall_match', 'Overall Match'],
  skillsMatch: ['skills_match', 'Skills Match'],
  experienceMatch: ['experience_match', 'Experience Match'],
  educationFit: ['education_fit', 'Education Fit'],
  careerTrajectoryAlignment: ['career_trajectory_alignment', 'Career Trajectory Alignment'],
  preferenceMatch: ['preference_match', 'Preference Match'],
  potentialSatisfaction: ['potential_satisfaction', 'Potential Satisfaction'],
  locationCompatibility: ['location_compatibility', 'Location Compatibility'],
  reasoning: ['reasoning', 'Reasoning'],
  cvPath: ['cv_path', 'CV Path'],
} as const satisfies Record<string, readonly string[]>;

export type LegacyKeys = readonly string[];

export interface LegacyPostingFields {
  jobTitle: string | null;
  companyName: string | null;
  location: string | null;
  postingDate: string | null;
  salaryRange: string | null;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first key that is present with a non-null value. */
export function findLegacyKey(raw: Record<string, unknown>, keys: LegacyKeys): string | undefined {
  for (const key of keys) {
    const value = raw[key];
    if (value !== undefined && value !== null) return key;
  }
  return undefined;
}

/** Optional text: trimmed; "", "N/A" and values that are not text or a number read as null. */
export function readLegacyText(raw: Record<string, unknown>, keys: LegacyKeys): string | null {
  for (const key of keys) {
    const text = toText(raw[key]);
    if (text !== null) return text;
  }
  return null;
}

export function readLegacyPostingFields(raw: Record<string, unknown>): LegacyPostingFields {
  return {
    jobTitle: readLegacyText(raw, LEGACY_KEYS.jobTitle),
    companyName: readLegacyText(raw, LEGACY_KEYS.companyName),
    location: readLegacyText(raw, LEGACY_KEYS.location),
    postingDate: readLegacyText(raw, LEGACY_KEYS.postingDate),
    salaryRange: readLegacyText(raw, LEGACY_KEYS.salaryRange),
  };
}

export type LegacyUrlResult = { url: string; problem?: undefined } | { url?: undefined; problem: string };

/** The posting's normalised URL, from the first URL key that holds a usable one. */
export function readLegacyUrl(raw: Record<string, unknown>): LegacyUrlResult {
  let firstUnusable: { key: string; value: unknown } | undefined;
  for (const key of LEGACY_KEYS.jobUrl) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    const url = typeof value === 'string' ? tryNormalizeJobUrl(value) : null;
    if (url !== null) return { url };
    firstUnusable ??= { key, value };
  }
  return firstUnusable === undefined
    ? { problem: 'no posting URL: none of application_url, Application URL, job_url, url is set' }
    : { problem: `${firstUnusable.key}: ${describeJsonValue(firstUnusable.value)} is not a usable posting URL` };
}

function toText(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' || isNotAvailable(text) ? null : text;
}

export function isNotAvailable(text: string): boolean {
  return text.length === 3 && text.toUpperCase() === 'N/A';
}
