import type { ErrorRequestHandler, Request, Response } from 'express';
import { isJobSearchError, type JobSearchErrorCode } from '@jobsearchai/core';
import type { Logger } from '@jobsearchai/core';

/** Problem codes that exist only at the HTTP layer; everything else is a JobSearchErrorCode. */
export type HttpProblemCode =
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'SHUTTING_DOWN'
  | 'INVALID_INPUT';

export type ProblemCode = JobSearchErrorCode | HttpProblemCode;

/** An HTTP-level refusal (auth, rate limit, media type…) thrown by middleware and mapped with the rest. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpProblemCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  requestId: string;
  instance?: string;
  [extension: string]: unknown;
}

const STATUS_OF: Partial<Record<JobSearchErrorCode, number>> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DB_LOCKED: 503,
  DB_UNAVAILABLE: 503,
  DB_SCHEMA: 503,
  // The server is fine; the LLM it calls upstream failed (key, base URL, model or the provider).
  LLM_ERROR: 502,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Retry hints for clients: a locked or unreachable database is usually a matter of seconds. */
const RETRY_AFTER: Partial<Record<ProblemCode, string>> = {
  DB_LOCKED: '1',
  DB_UNAVAILABLE: '5',
  DB_SCHEMA: '30',
  SHUTTING_DOWN: '5',
};

export function statusOfCode(code: JobSearchErrorCode): number {
  return STATUS_OF[code] ?? 500;
}

export function problemType(code: ProblemCode): string {
  return `https://jobsearchai.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}

export function sendProblem(
  req: Request,
  res: Response,
  status: number,
  code: ProblemCode,
  detail: string,
  extensions: Record<string, unknown> = {},
): void {
  const body: Problem = {
    type: problemType(code),
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    requestId: String(req.id ?? ''),
    instance: req.originalUrl.split('?')[0],
  };
  for (const [key, value] of Object.entries(extensions)) if (!(key in body)) body[key] = value;
  const retryAfter = RETRY_AFTER[code];
  if (retryAfter && status === 503) res.setHeader('Retry-After', retryAfter);
  res.status(status).type('application/problem+json').send(JSON.stringify(body));
}

/** Errors body-parser and friends throw carry a status and a `type`; only 4xx ones are the client's fault. */
interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

function clientErrorOf(error: unknown): { status: number; code: HttpProblemCode; detail: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as HttpLikeError;
  const status = e.status ?? e.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  switch (e.type) {
    case 'entity.too.large':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'The request body is larger than the 100 kB limit.' };
    case 'entity.parse.failed':
      return { status: 400, code: 'INVALID_INPUT', detail: 'The request body is not valid JSON.' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'The request body must be UTF-8 JSON.' };
    default:
      return {
        status,
        code: status === 404 ? 'NOT_FOUND' : 'INVALID_INPUT',
        detail: e.expose && e.message ? e.message : 'The request could not be read.',
      };
  }
}

/**
 * The one place where errors become HTTP responses. Client errors say what is wrong; server
 * errors say only that something failed (details, stack and SQL go to the log with the request id).
 */
export function errorMiddleware(
  logger: Logger,
  onError: (error: unknown) => void = () => undefined,
  /** Each server error (5xx) after its response is sent: recorded for the monitoring agent. */
  onFailure: (error: unknown, req: Request, status: number) => void = () => undefined,
): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    onError(error);
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof HttpProblem) {
      for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
      sendProblem(req, res, error.status, error.code, error.message, error.extensions);
      return;
    }
    if (isJobSearchError(error)) {
      const status = statusOfCode(error.code);
      if (status < 500) {
        sendProblem(req, res, status, error.code, error.message, error.details ? { details: error.details } : {});
        return;
      }
      (req.log ?? logger).error({ err: error, code: error.code }, 'request failed');
      const detail =
        status === 503
          ? `The database is not available right now (${error.code}); try again shortly.`
          : status === 502
            ? // Written for the operator and free of secrets: the upstream error and the settings to check.
              error.message
            : 'The server could not complete the request; the log has the details under this request id.';
      sendProblem(req, res, status, error.code, detail);
      onFailure(error, req, status);
      return;
    }
    const client = clientErrorOf(error);
    if (client) {
      sendProblem(req, res, client.status, client.code, client.detail);
      return;
    }
    (req.log ?? logger).error({ err: error }, 'unexpected error');
    sendProblem(
      req,
      res,
      500,
      'INTERNAL',
      'The server could not complete the request; the log has the details under this request id.',
    );
    onFailure(error, req, 500);
  };
}
