const MAX_SHOWN = 80;

/** A JSON value as an operator should see it in a rejection reason: short, quoted if text. */
export function describeJsonValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** "an object", "an array", "a string", … for messages about the shape of JSON. */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
