import type { LegacyMatchRecord } from '../legacy/legacy-match-types.js';
import type { MatchInput } from '../store/types.js';

/** `source` of every row an import writes: validation tells imported rows from scraped ones by it. */
export const LEGACY_IMPORT_SOURCE = 'legacy-json';
/** The legacy matcher (an OpenAI model the files do not name). */
export const LEGACY_MATCHER = 'legacy';

export interface LegacyRowContext {
  searchTerm: string;
  cvKey: string;
  /** scraped_at and matched_at of every row of the file. */
  timestamp: string;
}

/**
 * A legacy record as a match row. A failed legacy evaluation becomes a failed row (overallMatch
 * null) so the pipeline evaluates the posting again instead of trusting a score of 0.
 * `scraped_data` keeps the whole original record, unknown keys included.
 */
export function legacyRecordToMatch(record: LegacyMatchRecord, context: LegacyRowContext): MatchInput {
  return {
    jobUrl: record.jobUrl,
    searchTerm: context.searchTerm,
    cvKey: context.cvKey,
    jobTitle: record.jobTitle,
    companyName: record.companyName,
    location: record.location,
    postingDate: record.postingDate,
    salaryRange: record.salaryRange,
    overallMatch: record.failedEvaluation ? null : record.overallMatch,
    skillsMatch: record.skillsMatch,
    experienceMatch: record.experienceMatch,
    educationFit: record.educationFit,
    careerTrajectoryAlignment: record.careerTrajectoryAlignment,
    preferenceMatch: record.preferenceMatch,
    potentialSatisfaction: record.potentialSatisfaction,
    locationCompatibility: record.locationCompatibility,
    reasoning: record.reasoning,
    scrapedData: record.raw,
    scrapedAt: context.timestamp,
    matchedAt: context.timestamp,
    matcher: LEGACY_MATCHER,
    source: LEGACY_IMPORT_SOURCE,
  };
}
