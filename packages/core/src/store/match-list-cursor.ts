import { JobSearchError } from '../errors.js';

export type CursorValue = string | number | null;

/** Where the next page of the list starts, and which evaluations the listing sees. */
export interface ListCursor {
  /** The last row's sort value. */
  value: CursorValue;
  /** The last row's id (the tie-break). */
  id: number;
  /** The highest evaluation id when the first page was read: later pages ignore newer rows. */
  snapshot: number;
}

/** `[value, id, snapshot]` as base64url JSON: opaque to clients, which pass it back unchanged. */
export function encodeListCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id, cursor.snapshot])).toString('base64url');
}

export function decodeListCursor(cursor: string): ListCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      Number.isInteger(parsed[1]) &&
      Number.isInteger(parsed[2]) &&
      (parsed[0] === null || ['string', 'number'].includes(typeof parsed[0]))
    ) {
      return { value: parsed[0] as CursorValue, id: parsed[1] as number, snapshot: parsed[2] as number };
    }
  } catch {
    // fall through to the error below
  }
  throw new JobSearchError(
    'INVALID_INPUT',
    'The cursor is not valid: pass back the nextCursor of a previous page unchanged.',
  );
}
