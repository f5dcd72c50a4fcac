import { isJobSearchError } from '@jobsearchai/core';

export const EXIT_OK = 0;
/** The work ran and failed: a failed search, a failed smoke check. */
export const EXIT_FAILED = 1;
/** Usage or environment error: nothing was done. */
export const EXIT_USAGE = 2;

/** An error that ends a command with a given exit code and a message for the user. */
export class CliExit extends Error {
  constructor(readonly exitCode: number, message: string) {
    super(message);
    this.name = 'CliExit';
  }
}

/** The one mapping from errors to exit codes; the top-level catch in cli.ts uses it. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CliExit) return error.exitCode;
  if (isJobSearchError(error)) {
    switch (error.code) {
      case 'INVALID_INPUT':
      case 'IO_ERROR':
      case 'DB_UNAVAILABLE':
      case 'DB_SCHEMA':
        return EXIT_USAGE;
      default:
        return EXIT_FAILED;
    }
  }
  return EXIT_FAILED;
}
