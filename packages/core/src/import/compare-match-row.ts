import { isDeepStrictEqual } from 'node:util';
import { describeJsonValue } from '../legacy/describe-json-value.js';
import { parseJsonText } from '../store/match-columns.js';
import type { MatchInput } from '../store/types.js';
import type { StoredMatchRow } from './check-match-row.js';
import type { FieldDifference } from './validate-types.js';

type Field = readonly [
  name: string,
  expected: (input: MatchInput) => unknown,
  actual: (row: StoredMatchRow) => unknown,
];

const isFailed = (row: StoredMatchRow) => row.overall_match === 0 || row.evaluation_status === 'failed';
/** A failed evaluation has no scores, whatever the legacy file or row holds in their place. */
const score = (read: (input: MatchInput) => number | null | undefined) => (input: MatchInput) =>
  input.overallMatch === null ? null : (read(input) ?? null);
const storedScore = (column: keyof StoredMatchRow) => (row: StoredMatchRow) =>
  isFailed(row) ? null : (row[column] ?? null);
const text = (read: (input: MatchInput) => string | null | undefined) => (input: MatchInput) => read(input) ?? null;
const stored = (column: keyof StoredMatchRow) => (row: StoredMatchRow) => row[column] ?? null;

const FIELDS: readonly Field[] = [
  ['overall_match', score((i) => i.overallMatch), storedScore('overall_match')],
  ['skills_match', score((i) => i.skillsMatch), storedScore('skills_match')],
  ['experience_match', score((i) => i.experienceMatch), storedScore('experience_match')],
  ['education_fit', score((i) => i.educationFit), storedScore('education_fit')],
  [
    'career_trajectory_alignment',
    score((i) => i.careerTrajectoryAlignment),
    storedScore('career_trajectory_alignment'),
  ],
  ['preference_match', score((i) => i.preferenceMatch), storedScore('preference_match')],
  ['potential_satisfaction', score((i) => i.potentialSatisfaction), storedScore('potential_satisfaction')],
  ['job_title', text((i) => i.jobTitle), stored('job_title')],
  ['company_name', text((i) => i.companyName), stored('company_name')],
  ['location', text((i) => i.location), stored('location')],
  ['posting_date', text((i) => i.postingDate), stored('posting_date')],
  ['salary_range', text((i) => i.salaryRange), stored('salary_range')],
  ['location_compatibility', text((i) => i.locationCompatibility), stored('location_compatibility')],
  ['reasoning', text((i) => i.reasoning), stored('reasoning')],
  [
    'scraped_data',
    (i) => i.scrapedData,
    (row) => (typeof row.scraped_data === 'string' ? parseJsonText(row.scraped_data) : row.scraped_data),
  ],
];

/** The fields in which a stored row differs from the row an import of `expected` writes, values shortened for reports. */
export function compareMatchRow(expected: MatchInput, row: StoredMatchRow): FieldDifference[] {
  const differences: FieldDifference[] = [];
  for (const [field, expectedOf, actualOf] of FIELDS) {
    const want = expectedOf(expected);
    const got = actualOf(row);
    if (!isDeepStrictEqual(want, got))
      differences.push({ field, expected: describeJsonValue(want), actual: describeJsonValue(got) });
  }
  return differences;
}
