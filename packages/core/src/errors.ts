/**
 * The one error family of JobSearchAI. Every layer throws a JobSearchError with a stable
 * `code`; the API maps codes to HTTP statuses once, the CLIs map them to exit codes once.
 */
export type JobSearchErrorCode =
  | 'INVALID_INPUT' // bad user input: a flag, a query parameter, a file
  | 'NOT_FOUND'
  | 'CONFLICT' // e.g. a search already running for the same term and CV
  | 'DUPLICATE_KEY' // a unique key already exists where the caller asked to fail
  | 'DB_LOCKED' // SQLite busy/locked past busy_timeout, PostgreSQL lock timeout
  | 'DB_UNAVAILABLE' // cannot connect / connection lost
  | 'DB_SCHEMA' // schema missing, behind, edited migration, not a recognised database
  | 'DB_ERROR' // any other database failure
  | 'SOURCE_ERROR' // job board failed (HTTP 5xx, timeout, block page, changed markup)
  | 'LLM_ERROR' // LLM failed (timeout, 429/5xx after retries, garbage answer)
  | 'BUDGET_EXHAUSTED'
  | 'CANCELLED'
  | 'IO_ERROR' // file system: unreadable file, disk full
  | 'INTERNAL';

export class JobSearchError extends Error {
  readonly code: JobSearchErrorCode;
  /** Extra machine-readable facts (never secrets). */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: JobSearchErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'JobSearchError';
    this.code = code;
    this.details = options.details;
  }
}

export function isJobSearchError(error: unknown, code?: JobSearchErrorCode): error is JobSearchError {
  return error instanceof JobSearchError && (code === undefined || error.code === code);
}

/** Message of any thrown value, for logs and reports. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
