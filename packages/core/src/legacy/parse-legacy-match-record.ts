import { describeJsonValue, jsonKind } from './describe-json-value.js';
import {
  findLegacyKey,
  isJsonObject,
  LEGACY_KEYS,
  readLegacyPostingFields,
  readLegacyText,
  readLegacyUrl,
} from './legacy-fields.js';
import type { LegacyKeys } from './legacy-fields.js';
import type { LegacyMatchRecord, LegacyRejectedRecord } from './legacy-match-types.js';
import { isLegacyZeroScore, parseLegacyScore } from './parse-legacy-score.js';

export type LegacyRecordOutcome =
  | { ok: true; record: LegacyMatchRecord }
  | { ok: false; rejected: LegacyRejectedRecord };

const FAILED_EVALUATION_REASONING = /error evaluating match/i;

/**
 * Reads one element of a legacy match file. A record is rejected, with every problem named, when
 * it has no usable URL, no overall_match, or a score that is not an integer 1–10; an absent
 * sub-score is allowed. A failed legacy evaluation (score 0 and an "Error evaluating match"
 * reasoning) is accepted without scores, marked failedEvaluation, so it is evaluated again.
 */
export function parseLegacyMatchRecord(value: unknown, index: number): LegacyRecordOutcome {
  if (!isJsonObject(value)) {
    return reject(index, value, [`record is ${jsonKind(value)}, not a JSON object`]);
  }
  const problems: string[] = [];
  const url = readLegacyUrl(value);
  if (url.problem !== undefined) problems.push(url.problem);
  const reasoning = readLegacyText(value, LEGACY_KEYS.reasoning);
  const failedEvaluation = isFailedEvaluation(value, reasoning);
  // A failed evaluation has no scores to check: legacy wrote zeros or nothing.
  const score = (keys: LegacyKeys, required: boolean) =>
    failedEvaluation ? null : readScore(value, keys, problems, required);
  const overallMatch = score(LEGACY_KEYS.overallMatch, true);
  const skillsMatch = score(LEGACY_KEYS.skillsMatch, false);
  const experienceMatch = score(LEGACY_KEYS.experienceMatch, false);
  const educationFit = score(LEGACY_KEYS.educationFit, false);
  const careerTrajectoryAlignment = score(LEGACY_KEYS.careerTrajectoryAlignment, false);
  const preferenceMatch = score(LEGACY_KEYS.preferenceMatch, false);
  const potentialSatisfaction = score(LEGACY_KEYS.potentialSatisfaction, false);
  if (url.url === undefined || problems.length > 0) return reject(index, value, problems);

  return {
    ok: true,
    record: {
      index,
      jobUrl: url.url,
      ...readLegacyPostingFields(value),
      overallMatch,
      skillsMatch,
      experienceMatch,
      educationFit,
      careerTrajectoryAlignment,
      preferenceMatch,
      potentialSatisfaction,
      locationCompatibility: readLegacyText(value, LEGACY_KEYS.locationCompatibility),
      reasoning,
      cvPath: readLegacyText(value, LEGACY_KEYS.cvPath),
      failedEvaluation,
      raw: value,
    },
  };
}

function isFailedEvaluation(raw: Record<string, unknown>, reasoning: string | null): boolean {
  const key = findLegacyKey(raw, LEGACY_KEYS.overallMatch);
  return (
    key !== undefined &&
    isLegacyZeroScore(raw[key]) &&
    reasoning !== null &&
    FAILED_EVALUATION_REASONING.test(reasoning)
  );
}

function readScore(
  raw: Record<string, unknown>,
  keys: LegacyKeys,
  problems: string[],
  required: boolean,
): number | null {
  const key = findLegacyKey(raw, keys);
  const value = key === undefined ? undefined : raw[key];
  const score = parseLegacyScore(value);
  if (score.problem !== undefined) {
    problems.push(`${key ?? keys[0]}: ${score.problem}`);
    return null;
  }
  if (score.value === null && required) {
    problems.push(key === undefined ? `${keys[0]} is missing` : `${key}: ${describeJsonValue(value)} is not a score`);
  }
  return score.value;
}

function reject(index: number, raw: unknown, problems: string[]): LegacyRecordOutcome {
  return { ok: false, rejected: { index, reason: problems.join('; '), raw } };
}
