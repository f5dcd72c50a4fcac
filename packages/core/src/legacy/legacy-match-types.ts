/** One accepted record of a legacy `job_matches_*.json` file. */
export interface LegacyMatchRecord {
  /** Position in the file's array, from 0. */
  index: number;
  /** Normalised with normalizeJobUrl, so it matches the dedup key. */
  jobUrl: string;
  jobTitle: string | null;
  companyName: string | null;
  location: string | null;
  postingDate: string | null;
  salaryRange: string | null;
  /** Null only for a failed legacy evaluation. */
  overallMatch: number | null;
  skillsMatch: number | null;
  experienceMatch: number | null;
  educationFit: number | null;
  careerTrajectoryAlignment: number | null;
  preferenceMatch: number | null;
  potentialSatisfaction: number | null;
  locationCompatibility: string | null;
  reasoning: string | null;
  cvPath: string | null;
  /** Legacy stored a failed LLM call as score 0; such a record must be evaluated again. */
  failedEvaluation: boolean;
  /** The record as it was in the file, unknown keys included, for `scraped_data`. */
  raw: Record<string, unknown>;
}

/** A record that cannot be imported, with a reason an operator can act on. */
export interface LegacyRejectedRecord {
  index: number;
  reason: string;
  raw: unknown;
}

export interface LegacyFileReadResult {
  /** The path given to readLegacyMatchFile (or the name given to parseLegacyMatchJson); messages use it. */
  fileName: string;
  records: LegacyMatchRecord[];
  rejected: LegacyRejectedRecord[];
  /** Elements of the file's array; always records.length + rejected.length. */
  totalRecords: number;
  /** SHA-256 (hex) of the file's bytes, set by readLegacyMatchFile. */
  sha256?: string;
}

/** A posting from a legacy scraper file `job_data_*.json`. */
export interface LegacyJobPosting {
  /** Normalised with normalizeJobUrl. */
  jobUrl: string;
  jobTitle: string | null;
  companyName: string | null;
  location: string | null;
  postingDate: string | null;
  salaryRange: string | null;
  /** The posting as it was in the file (Title Case keys, description, skills, …). */
  raw: Record<string, unknown>;
}
