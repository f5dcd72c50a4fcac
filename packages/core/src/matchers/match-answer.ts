import { z } from 'zod';
import { LocationCompatibilitySchema, MatchScoresSchema, type MatchScores } from './types.js';

const score = (meaning: string) => z.number().int().min(1).max(10).describe(meaning);

/** The answer in the legacy field names and order, so stored reasoning reads like the legacy's. */
const MatchAnswerSchema = z
  .object({
    skills_match: score("How well the candidate's skills cover the posting's requirements."),
    experience_match: score("Whether the candidate's experience level and domain suit the role."),
    location_compatibility: LocationCompatibilitySchema.describe(
      'Yes if the job location suits where the candidate lives or wants to work, No if it clearly does not, Unknown if the CV or the posting does not say.',
    ),
    education_fit: score("How well the candidate's education matches the requirements."),
    career_trajectory_alignment: score("Whether the role is a sensible next step in the candidate's career."),
    preference_match: score(
      "How well the role fits the candidate's stated preferences (workload, region, industry); 5 when none are stated.",
    ),
    potential_satisfaction: score('How satisfied the candidate would likely be in this role.'),
    overall_match: score('Considering everything, how suitable the candidate is for this posting.'),
    reasoning: z.string().describe('The evaluation explained in 3 to 6 sentences, naming matching and missing skills.'),
  })
  .strict();

/**
 * `response_format` for strict structured output. Generated from the zod schema so the two cannot
 * drift; it uses only keywords OpenAI's strict mode accepts (type, enum, minimum, maximum, description).
 */
export const MATCH_RESPONSE_FORMAT = {
  type: 'json_schema',
  json_schema: {
    name: 'job_match_evaluation',
    strict: true,
    schema: withoutDialect(z.toJSONSchema(MatchAnswerSchema)),
  },
} as const;

function withoutDialect(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

export type ParsedAnswer = { ok: true; scores: MatchScores } | { ok: false; error: string };

/** Checks a model's answer. Anything short of a complete, in-range evaluation is rejected, never repaired. */
export function parseMatchAnswer(content: string | null | undefined): ParsedAnswer {
  if (content == null || content.trim() === '') return { ok: false, error: 'The model returned an empty answer.' };
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, error: `The model's answer is not JSON: ${excerpt(content)}` };
  }
  const answer = MatchAnswerSchema.safeParse(json);
  if (!answer.success)
    return { ok: false, error: `The model's answer does not fit the schema: ${z.prettifyError(answer.error)}` };
  const a = answer.data;
  const scores = MatchScoresSchema.safeParse({
    overallMatch: a.overall_match,
    skillsMatch: a.skills_match,
    experienceMatch: a.experience_match,
    educationFit: a.education_fit,
    careerTrajectoryAlignment: a.career_trajectory_alignment,
    preferenceMatch: a.preference_match,
    potentialSatisfaction: a.potential_satisfaction,
    locationCompatibility: a.location_compatibility,
    reasoning: a.reasoning.trim(),
  });
  return scores.success
    ? { ok: true, scores: scores.data }
    : { ok: false, error: `The model's answer does not fit the schema: ${z.prettifyError(scores.error)}` };
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}
