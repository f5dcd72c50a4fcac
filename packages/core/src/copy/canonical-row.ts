/**
 * One text per row that is the same whichever provider stored it, so that a row read back from
 * SQLite and from PostgreSQL hashes alike: NULL is `\N` (never the text "\N", which is escaped),
 * numbers are JavaScript's shortest round-trip form (an integer in a REAL column and the same
 * integer in DOUBLE PRECISION both read as `3`), booleans `1`/`0` as SQLite stores them, text
 * (where every timestamp lives) as is with the COPY escapes, blobs as hex.
 */
export function canonicalValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  switch (typeof value) {
    case 'string':
      return escapeText(value);
    case 'number':
      return Object.is(value, -0) ? '0' : String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? '1' : '0';
    default:
      if (value instanceof Date) return value.toISOString();
      if (value instanceof Uint8Array) return `\\\\x${Buffer.from(value).toString('hex')}`;
      return escapeText(JSON.stringify(value));
  }
}

export function canonicalRow(values: readonly unknown[]): string {
  let text = canonicalValue(values[0]);
  for (let i = 1; i < values.length; i++) text += `\t${canonicalValue(values[i])}`;
  return text;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** PostgreSQL's COPY text escapes: the same text serves the checksum and the COPY stream. */
export function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
