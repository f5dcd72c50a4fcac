import type { Request, RequestHandler } from 'express';
import type { z } from 'zod';
import type { AnyApiRoute, InputLocation, RouteInput } from './api-route.js';
import { HttpProblem } from './problem.js';

export interface InputProblem {
  in: InputLocation;
  name: string;
  message: string;
}

const LOCATION_NOUN: Record<InputLocation, string> = {
  query: 'query parameter',
  path: 'path parameter',
  body: 'body field',
};

/**
 * The one validation middleware: query, path parameters and body are parsed with the route's
 * zod schemas; every problem is named (parameter and rule) in a 400. Parsed values are handed to
 * the handler; the raw `req.query` is never read again.
 */
export function validateRequest(route: AnyApiRoute): RequestHandler {
  return (req, res, next) => {
    const problems: InputProblem[] = [];
    const query = parsePart(route.query, 'query', queryValues(req, problems), problems);
    const params = parsePart(route.params, 'path', req.params, problems);
    let body: unknown;
    if (route.body) {
      if (!req.is('application/json')) {
        throw new HttpProblem(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'Send the request body as JSON with Content-Type: application/json.',
        );
      }
      body = parsePart(route.body, 'body', req.body ?? {}, problems);
    }
    if (problems.length > 0) {
      const detail = problems.map((p) => p.message).join('; ');
      throw new HttpProblem(400, 'INVALID_INPUT', `${capitalise(detail)}.`, { errors: problems });
    }
    res.locals.input = { query, params, body } satisfies RouteInput<z.ZodType, z.ZodType, z.ZodType | undefined>;
    next();
  };
}

/**
 * Query values as strings. An empty value means "not given" (forms submit empty fields); a
 * parameter given twice is an error rather than a silent pick of one of them.
 */
function queryValues(req: Request, problems: InputProblem[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query as Record<string, unknown>)) {
    if (Array.isArray(value)) {
      problems.push({
        in: 'query',
        name,
        message: `query parameter "${name}" is given ${value.length} times; give it once`,
      });
    } else if (typeof value === 'string') {
      if (value !== '') values[name] = value;
    } else if (value !== undefined) {
      problems.push({ in: 'query', name, message: `query parameter "${name}" must be a plain value` });
    }
  }
  return values;
}

function parsePart(schema: z.ZodType, where: InputLocation, raw: unknown, problems: InputProblem[]): unknown {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push(describeIssue(issue, where, raw, schema));
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue, where: InputLocation, raw: unknown, schema: z.ZodType): InputProblem {
  const noun = LOCATION_NOUN[where];
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => `"${key}"`).join(', ');
    const allowed = allowedKeys(schema);
    const hint = allowed.length ? ` (allowed: ${allowed.join(', ')})` : ` (this endpoint takes no ${noun}s)`;
    return {
      in: where,
      name: issue.keys.join(','),
      message: `unknown ${noun}${issue.keys.length > 1 ? 's' : ''} ${names}${hint}`,
    };
  }
  const name = issue.path.map(String).join('.') || (where === 'body' ? '(body)' : '(all)');
  const given = valueAt(raw, issue.path);
  if (given === undefined && issue.code === 'invalid_type') {
    return { in: where, name, message: `${noun} "${name}" is required` };
  }
  if (issue.path.length === 0) return { in: where, name, message: issue.message };
  const shown = given === undefined ? '' : ` (got ${preview(given)})`;
  return { in: where, name, message: `${noun} "${name}" ${issue.message}${shown}` };
}

function allowedKeys(schema: z.ZodType): string[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
