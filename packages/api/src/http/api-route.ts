import type { Request, Response } from 'express';
import { z } from 'zod';

/** Where a parameter comes from, in the words of the OpenAPI document and of error messages. */
export type InputLocation = 'query' | 'path' | 'body';

export interface ResponseSpec {
  description: string;
  /** JSON body schema; omitted for problem responses (the shared Problem schema) and non-JSON bodies. */
  schema?: z.ZodType;
  contentType?: string;
  headers?: Record<string, string>;
}

export type EmptyObject = z.ZodObject<Record<string, never>, z.core.$strict>;

export interface RouteInput<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType | undefined> {
  query: z.output<Q>;
  params: z.output<P>;
  body: B extends z.ZodType ? z.output<B> : undefined;
}

/**
 * One endpoint: its zod schemas (validated by one middleware and turned into the OpenAPI
 * document), its documentation and its handler. The list of these is the API.
 */
export interface ApiRoute<
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  B extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express syntax, e.g. `/api/matches/:id`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  query: Q;
  params: P;
  body: B;
  /** Writes need the API token (or, without one, a loopback client). */
  write: boolean;
  responses: Record<number, ResponseSpec>;
  handler: (input: RouteInput<Q, P, B>, req: Request, res: Response) => unknown;
}

export interface RouteDefinition<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType | undefined>
  extends Omit<ApiRoute<Q, P, B>, 'query' | 'params' | 'body' | 'write'> {
  query?: Q;
  params?: P;
  body?: B;
  write?: boolean;
}

const EMPTY: EmptyObject = z.strictObject({});

/** Fills the defaults: no query parameters and no path parameters accepted unless declared. */
export function defineRoute<
  Q extends z.ZodType = EmptyObject,
  P extends z.ZodType = EmptyObject,
  B extends z.ZodType | undefined = undefined,
>(definition: RouteDefinition<Q, P, B>): ApiRoute<Q, P, B> {
  return {
    ...definition,
    query: definition.query ?? (EMPTY as unknown as Q),
    params: definition.params ?? (EMPTY as unknown as P),
    body: definition.body as B,
    write: definition.write ?? definition.method !== 'get',
  };
}

/** Erases a route's schema types so routes of different shapes fit in one list. */
export type AnyApiRoute = ApiRoute<z.ZodType, z.ZodType, z.ZodType | undefined>;

export function anyRoute<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType | undefined>(
  route: ApiRoute<Q, P, B>,
): AnyApiRoute {
  return route as unknown as AnyApiRoute;
}
