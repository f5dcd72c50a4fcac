import { errorMessage, isJobSearchError } from '../errors.js';
import { CliExit, EXIT_OK, EXIT_USAGE, exitCodeOf, type ExitCode } from './exit-codes.js';
import { recordCliFailure } from './record-failure.js';

/** The part of commander's `Command` that every CLI sets up the same way; structural, so core needs no commander. */
export interface CliCommand {
  version(version: string): this;
  exitOverride(): this;
  showHelpAfterError(message: string): this;
}

/**
 * The shared setup of a CLI's commander program: `--version` printing the package's own version,
 * and parse errors thrown (not `process.exit`) so that `runCli` sets the exit code.
 */
export function setUpProgram<C extends CliCommand>(command: C, version: string): C {
  return command.version(version).exitOverride().showHelpAfterError('(add --help for usage)');
}

export interface RunCliOptions {
  /** The bin's name; it starts the error line. */
  name: string;
  /** Parses the arguments and runs one command; resolves to its exit code. */
  main: () => Promise<number>;
  /** Sees the error and its exit code before the line is printed (e.g. to print `--json` output). */
  onError?: (error: unknown, exitCode: ExitCode) => void;
  stderr?: { write(text: string): unknown };
  /**
   * Record the failure as an `app_events` row in the database the command used, for
   * `jobsearch-monitor` (default true; see `recordCliFailure`).
   */
  recordFailure?: boolean;
}

/**
 * The one top-level catch of every CLI: runs `main` and sets `process.exitCode` from its result or
 * from what it throws (`exitCodeOf`), printing one line without a stack trace, then records the
 * failure in the database the command used, for `jobsearch-monitor`. commander has already
 * printed its own usage errors, help and version.
 */
export async function runCli({
  name,
  main,
  onError,
  stderr = process.stderr,
  recordFailure = true,
}: RunCliOptions): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    const parse = commanderExit(error);
    if (parse !== null) {
      process.exitCode = parse === 0 ? EXIT_OK : EXIT_USAGE;
      return;
    }
    const exitCode = exitCodeOf(error);
    onError?.(error, exitCode);
    stderr.write(`${name}: ${errorLine(error)}\n`);
    process.exitCode = exitCode;
    // After the line: the operator sees the error at once, also while the database stays locked.
    if (!(error instanceof CliExit) && recordFailure) await recordCliFailure(name, error, stderr);
  }
}

/** One line: our own errors are written for the user; anything else is a bug, named as such. */
export function errorLine(error: unknown): string {
  const known = isJobSearchError(error) || error instanceof CliExit;
  const text = known
    ? errorMessage(error)
    : `unexpected error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * The exit code commander suggests for a parse error, help or version it has printed (a
 * `CommanderError`, thrown because of `exitOverride`); null for anything else.
 */
function commanderExit(error: unknown): number | null {
  if (!(error instanceof Error) || error.name !== 'CommanderError') return null;
  const { code, exitCode } = error as Error & { code?: unknown; exitCode?: unknown };
  return typeof code === 'string' && code.startsWith('commander.') && typeof exitCode === 'number' ? exitCode : null;
}
