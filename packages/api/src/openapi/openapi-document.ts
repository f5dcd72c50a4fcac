import { z } from 'zod';
import type { AnyApiRoute, ResponseSpec } from '../http/api-route.js';
import { ZProblem } from '../schemas/common.js';

type JsonSchema = Record<string, unknown>;

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

const COMMON_PROBLEMS: Record<number, string> = {
  400: 'Invalid or unknown parameters; the detail names each one and its rule.',
  429: 'Too many requests from this client; see the RateLimit headers.',
  500: 'An unexpected failure; the log has the details under the request id.',
  503: 'The database is locked, unreachable or behind.',
};

/** The OpenAPI 3.1 document, generated from the routes' own zod schemas. */
export function buildOpenApiDocument(routes: readonly AnyApiRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const operations = paths[path] ?? {};
    paths[path] = operations;
    operations[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'JobSearchAI API',
      version,
      description:
        'Matches of job postings against CVs, search runs and deduplication statistics. Errors are application/problem+json (RFC 9457). Writes need Authorization: Bearer <API_TOKEN>.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'matches', description: 'Evaluated postings.' },
      { name: 'applications', description: 'The application tracker: a status and notes per posting and CV.' },
      { name: 'runs', description: 'Search runs.' },
      { name: 'schedules', description: 'Saved searches the API starts on a cron schedule.' },
      { name: 'insights', description: 'Deduplication effectiveness.' },
      { name: 'operations', description: 'Health, readiness, metrics, this document.' },
    ],
    paths,
    components: {
      schemas: { Problem: schemaOf(ZProblem, 'output') },
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: "The server's API_TOKEN." } },
    },
  };
}

function operation(route: AnyApiRoute): JsonSchema {
  const parameters = [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')];
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(route.responses)) responses[status] = response(Number(status), spec);
  for (const [status, description] of Object.entries(COMMON_PROBLEMS)) {
    responses[status] ??= response(Number(status), { description });
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } }
      : {}),
    responses,
    security: route.write ? [{ bearerAuth: [] }] : [],
  };
}

function response(status: number, spec: ResponseSpec): JsonSchema {
  const headers = spec.headers
    ? {
        headers: Object.fromEntries(
          Object.entries(spec.headers).map(([name, description]) => [
            name,
            { description, schema: { type: 'string' } },
          ]),
        ),
      }
    : {};
  if (status >= 400)
    return {
      description: spec.description,
      content: { 'application/problem+json': { schema: PROBLEM_REF } },
      ...headers,
    };
  const content = spec.schema
    ? { content: { [spec.contentType ?? 'application/json']: { schema: schemaOf(spec.schema, 'output') } } }
    : spec.contentType
      ? { content: { [spec.contentType]: { schema: { type: 'string' } } } }
      : {};
  return { description: spec.description, ...content, ...headers };
}

function parametersOf(schema: z.ZodType, location: 'query' | 'path'): JsonSchema[] {
  const json = schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: location === 'path' || (required.has(name) && !('default' in rest)),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return json;
}
