import { isJobSearchError, type JobSearchErrorCode } from '@jobsearchai/core';

export const EXIT_OK = 0;
/** The command finished, but with errors (rejected records, failed files) or a failed validation. */
export const EXIT_FAILED = 1;
/** Bad usage or environment; the command stopped before writing anything. */
export const EXIT_USAGE = 2;

/**
 * Errors a command throws are raised before it writes (it reports later failures in its result),
 * so most codes mean "nothing written". An unexpected database error or a bug may have struck
 * mid-way: those exit 1, the "finished with errors" code, to make the operator look.
 */
const USAGE_CODES = new Set<JobSearchErrorCode>(['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT', 'DB_LOCKED', 'DB_UNAVAILABLE', 'DB_SCHEMA', 'IO_ERROR', 'CANCELLED']);

export function exitCodeFor(error: unknown): number {
  return isJobSearchError(error) && USAGE_CODES.has(error.code) ? EXIT_USAGE : EXIT_FAILED;
}
