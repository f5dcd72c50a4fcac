import { isJobSearchError, type JobSearchErrorCode } from '../errors.js';

/** Success. */
export const EXIT_OK = 0;
/** The command finished with errors (rejected records, a failed run, a failed check) or failed validation. */
export const EXIT_FAILED = 1;
/** Usage or environment error: a bad flag or input, a missing file, a locked or unreachable database. Nothing was written. */
export const EXIT_USAGE = 2;

export type ExitCode = typeof EXIT_OK | typeof EXIT_FAILED | typeof EXIT_USAGE;

/**
 * The one mapping from error codes to exit codes, for every CLI (documented in
 * docs/TROUBLESHOOTING-GUIDE.md). Commands raise these errors before they write: later failures
 * are reported in their results. So a code the operator can fix by changing the call or the
 * surroundings is 2; a failure of the work itself, or a database error that may have struck
 * mid-way, is 1, which tells the operator to look at what happened.
 * A `Record` over the union: a new error code does not compile until it has its exit code here.
 */
export const EXIT_CODE_BY_ERROR: Readonly<Record<JobSearchErrorCode, ExitCode>> = {
  INVALID_INPUT: EXIT_USAGE,
  NOT_FOUND: EXIT_USAGE,
  CONFLICT: EXIT_USAGE,
  DB_LOCKED: EXIT_USAGE,
  DB_UNAVAILABLE: EXIT_USAGE,
  DB_SCHEMA: EXIT_USAGE,
  IO_ERROR: EXIT_USAGE,
  CANCELLED: EXIT_USAGE,
  DUPLICATE_KEY: EXIT_FAILED,
  DB_ERROR: EXIT_FAILED,
  SOURCE_ERROR: EXIT_FAILED,
  LLM_ERROR: EXIT_FAILED,
  BUDGET_EXHAUSTED: EXIT_FAILED,
  INTERNAL: EXIT_FAILED,
};

/** Ends a command with a given exit code and a message for the user (e.g. benchmark targets missed). */
export class CliExit extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliExit';
  }
}

/** The exit code for anything a command throws; an error that is not ours is a bug: 1. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliExit) return error.exitCode;
  if (isJobSearchError(error)) return EXIT_CODE_BY_ERROR[error.code];
  return EXIT_FAILED;
}
