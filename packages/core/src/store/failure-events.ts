import { isJobSearchError, type JobSearchErrorCode } from '../errors.js';
import type { EventInput } from './types.js';

/** Errors that are the caller's to fix (a flag, a path, a run already going, an answer of no): no failure of the system. */
const CALLER_ERRORS = new Set<JobSearchErrorCode>(['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT', 'CANCELLED']);
const MAX_MESSAGE = 1000;

/**
 * The `app_events` row for a failure of the API or a CLI, or null for an error that is the
 * caller's. Kinds are the pipeline's where they overlap (`db_locked`, `duplicate_key`), else the
 * error code in snake case (`db_unavailable`, `llm_error`, `internal`), and `unexpected_error`
 * for a bug; `jobsearch-monitor` counts them by kind.
 */
export function failureEvent(
  component: string,
  error: unknown,
  details: Record<string, unknown> = {},
): EventInput | null {
  let kind = 'unexpected_error';
  let code: string | null = null;
  if (isJobSearchError(error)) {
    if (CALLER_ERRORS.has(error.code)) return null;
    code = error.code;
    kind = error.code.toLowerCase();
  }
  const message =
    error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  return {
    kind,
    severity: 'error',
    component,
    message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message,
    details: { code, ...details },
  };
}
