import { z } from 'zod';

/** Building blocks for query, path and body schemas; each one says its rule in its error message. */

export function intParam(min: number, max: number, description: string) {
  const rule = { error: `must be a whole number from ${min} to ${max}` };
  return z.coerce.number(rule).int(rule).min(min, rule).max(max, rule).describe(description);
}

export function textParam(description: string, max = 200) {
  return (
    z
      .string({ error: 'must be text' })
      .trim()
      .min(1, { error: 'must not be blank' })
      .max(max, { error: `must be at most ${max} characters` })
      // PostgreSQL text cannot hold NUL; no search term, name or place has control characters.
      .regex(/^[^\p{Cc}]*$/u, { error: 'must not contain control characters' })
      .describe(description)
  );
}

export const ZCvKey = z
  .string({ error: 'must be text' })
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{16}$/, { error: "must be 16 hexadecimal characters (the first 16 of the CV file's SHA-256)" })
  .describe("A CV's key: the first 16 hex characters of the SHA-256 of its file.");

export const ZDay = z.iso.date({ error: 'must be a calendar date written YYYY-MM-DD' });

/** Ids are 32-bit on PostgreSQL (INTEGER columns); anything larger cannot exist. */
export const MAX_ID = 2_147_483_647;

/** Path parameter `:id`: a positive database id. */
export const ZIdParams = z.strictObject({
  id: z.coerce
    .number({ error: 'must be a positive whole number' })
    .int({ error: 'must be a positive whole number' })
    .min(1, { error: 'must be a positive whole number' })
    .max(MAX_ID, { error: `is too large (ids go up to ${MAX_ID})` })
    .describe('Database id.'),
});
export type TIdParams = z.infer<typeof ZIdParams>;

/** RFC 9457 problem details, as every error response carries them. */
export const ZProblem = z
  .object({
    type: z.string().describe('A URI naming the kind of problem.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe('What is wrong, for a person.'),
    code: z.string().describe('Stable machine-readable code, e.g. INVALID_INPUT, NOT_FOUND, CONFLICT, DB_UNAVAILABLE.'),
    requestId: z.string().describe('Also in the X-Request-Id response header and the server log.'),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ in: z.enum(['query', 'path', 'body']), name: z.string(), message: z.string() }))
      .optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .describe('Problem details (RFC 9457).');

/** Checks a date range given as two optional days. */
export function orderedDays(
  value: { from?: string | undefined; to?: string | undefined },
  ctx: z.core.$RefinementCtx,
  names: [string, string],
): void {
  if (value.from && value.to && value.from > value.to) {
    ctx.addIssue({
      code: 'custom',
      path: [names[0]],
      message: `must not be after ${names[1]} (${value.to})`,
      input: value.from,
    });
  }
}
