import { describeJsonValue } from './describe-json-value.js';
import { isNotAvailable } from './legacy-fields.js';

export const MIN_SCORE = 1;
export const MAX_SCORE = 10;

/** A score as read from a legacy record: an integer 1–10, null when absent, or why it is unusable. */
export type LegacyScore = { value: number | null; problem?: undefined } | { value?: undefined; problem: string };

// "8", " 8 ", "8.0", "+8" and the "8/10" some prompts produced.
const SCORE_TEXT = /^[+-]?\d+(?:\.\d+)?(?=\s*(?:\/\s*10\s*)?$)/;
const ABSENT: LegacyScore = { value: null };
// Shared results, because a migration reads every score of every record.
const VALID: LegacyScore[] = Array.from({ length: MAX_SCORE + 1 }, (_, value) => ({ value }));

/** Legacy scores are JSON numbers or numeric text; "", "N/A", null and a missing key are absent. */
export function parseLegacyScore(value: unknown): LegacyScore {
  const number = toNumber(value);
  if (number === undefined) return ABSENT;
  if (Number.isNaN(number)) return { problem: `${describeJsonValue(value)} is not a number` };
  if (!Number.isInteger(number)) return { problem: `${describeJsonValue(value)} is not a whole number` };
  if (number < MIN_SCORE || number > MAX_SCORE) {
    return { problem: `score ${number} is out of range ${MIN_SCORE}–${MAX_SCORE}` };
  }
  return VALID[number]!;
}

/** Legacy wrote 0 (a number or "0") for an evaluation whose LLM call failed. */
export function isLegacyZeroScore(value: unknown): boolean {
  return toNumber(value) === 0;
}

/** undefined when absent, NaN when not numeric. */
function toNumber(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value !== 'string') return Number.NaN;
  const text = value.trim();
  if (text === '' || isNotAvailable(text)) return undefined;
  const match = SCORE_TEXT.exec(text);
  return match === null ? Number.NaN : Number(match[0]);
}
