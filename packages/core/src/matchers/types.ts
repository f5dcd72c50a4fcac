import { z } from 'zod';
import type { ServiceTier } from './prices.js';

export interface PostingForMatch {
  url: string;
  title?: string;
  company?: string;
  location?: string;
  description?: string;
  skills?: string[];
  salaryRange?: string;
  postingDate?: string;
}

export interface CvForMatch {
  cvKey: string;
  text: string;
  summary?: string | null;
}

export type LocationCompatibility = 'Yes' | 'No' | 'Unknown';

/** Integer scores 1–10, the legacy sub-scores. */
export interface MatchScores {
  overallMatch: number;
  skillsMatch: number;
  experienceMatch: number;
  educationFit: number;
  careerTrajectoryAlignment: number;
  preferenceMatch: number;
  potentialSatisfaction: number;
  locationCompatibility: LocationCompatibility;
  reasoning: string;
}

const score = z.number().int().min(1).max(10);

export const LocationCompatibilitySchema = z.enum(['Yes', 'No', 'Unknown']);

export const MatchScoresSchema = z.object({
  overallMatch: score,
  skillsMatch: score,
  experienceMatch: score,
  educationFit: score,
  careerTrajectoryAlignment: score,
  preferenceMatch: score,
  potentialSatisfaction: score,
  locationCompatibility: LocationCompatibilitySchema,
  reasoning: z.string().trim().min(1),
}) satisfies z.ZodType<MatchScores>;

export type LlmOutcome = 'ok' | 'invalid_response' | 'rate_limited' | 'server_error' | 'timeout' | 'error';

/** One logical LLM call; `attempts` counts the HTTP requests it took (transport retries included). */
export interface LlmCallRecord {
  purpose: 'match' | 'cv_summary';
  model: string;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  costUsd: number;
  /** Wall time from the first request to the final answer or failure, backoff included. */
  latencyMs: number;
  outcome: LlmOutcome;
  attempts: number;
  error?: string;
  /** False when the price table has no entry for the model, so `costUsd` is 0 rather than a real cost. */
  priceKnown?: boolean;
  /** When the call finished (UTC ISO-8601). */
  at?: string;
  /**
   * The processing tier that served the call as the answer names it (`default`, `flex`, or another
   * tier a project is set to), else the one asked for; absent for the offline matcher.
   */
  serviceTier?: string;
  /** The Flex tier had no capacity for this call, so it was sent again at the default tier. */
  flexUnavailable?: boolean;
}

export type MatchResult =
  | { ok: true; scores: MatchScores; calls: LlmCallRecord[] }
  | { ok: false; error: string; calls: LlmCallRecord[] };

export interface MatchOptions {
  signal?: AbortSignal;
  /** The processing tier for this evaluation, overriding the matcher's own; matchers without tiers ignore it. */
  serviceTier?: ServiceTier;
}

export interface Matcher {
  /** 'openai' | 'heuristic' — stored in job_matches.matcher. */
  readonly name: string;
  /** Stored in job_matches.model; the heuristic matcher reports 'heuristic-v1'. */
  readonly model: string | null;
  readonly usesLlm: boolean;
  evaluate(posting: PostingForMatch, cv: CvForMatch, options?: MatchOptions): Promise<MatchResult>;
  summarizeCv(cvText: string, options?: MatchOptions): Promise<{ summary: string; calls: LlmCallRecord[] }>;
  /** Expected USD cost of one evaluate() call, used to report cost saved by deduplication. */
  estimatedCostPerEvaluation(): number;
}
