/**
 * The store's keyset cursor is `[sort value, id, snapshot id]` as base64url JSON. A cursor from another sort
 * (or a forged one) would put a number where text is compared or vice versa, which PostgreSQL
 * rejects: check the value's type against the sort before the query runs.
 */
export function isMatchCursorFor(cursor: string, sort: string): boolean {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const byScore = sort === 'score_desc' || sort === 'score_asc';
  return (
    Array.isArray(decoded) &&
    decoded.length === 3 &&
    isInt32(decoded[1]) &&
    isInt32(decoded[2]) &&
    (byScore
      ? isInt32(decoded[0])
      : decoded[0] === null || (typeof decoded[0] === 'string' && !decoded[0].includes('\u0000')))
  );
}

/** Scores and ids are INTEGER columns: PostgreSQL rejects larger parameters instead of matching nothing. */
function isInt32(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= -2_147_483_648 && (value as number) <= 2_147_483_647;
}
