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

const NEEDS_ESCAPE = /[\\\b\t\n\v\f\r]/;
const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
};

/**
 * PostgreSQL's COPY text escapes, exactly the ones COPY TO writes: the same text serves the
 * COPY FROM stream and the checksum PostgreSQL's own COPY TO output is compared with.
 */
export function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[\\\b\t\n\v\f\r]/g, (c) => ESCAPES[c]!);
}

/**
 * The parity checksum's text of a row: like canonicalRow, but a number in a float column is its
 * IEEE-754 bits in hex, which PostgreSQL gives as `encode(float8send(x), 'hex')` inside a COPY.
 * So PostgreSQL hashes its own COPY output without a row reaching JavaScript, and a value equals
 * only the very same double, whatever either side's decimal formatting.
 */
export function checksumRow(values: readonly unknown[], kinds: readonly string[]): string {
  let text = '';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) text += '\t';
    text += kinds[i] === 'float' && typeof value === 'number' ? floatBits(value) : canonicalValue(value);
  }
  return text;
}

const bits = Buffer.alloc(8);

function floatBits(value: number): string {
  bits.writeDoubleBE(value);
  return bits.toString('hex');
}
