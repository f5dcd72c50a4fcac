/**
 * `@jobsearchai/core/cli`: what every JobSearchAI CLI shares. Deliberately apart from core's main
 * entry point (Prisma, drivers, the pipeline) so that a bin file can check the Node version and
 * load its program only then.
 */
export {
  checkNodeVersion,
  isSupportedNode,
  MINIMUM_NODE,
  unsupportedNodeMessage,
  type NodeCheckIo,
} from './node-version.js';
export {
  CliExit,
  EXIT_CODE_BY_ERROR,
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  exitCodeOf,
  type ExitCode,
} from './exit-codes.js';
export { InvalidOptionValue, portNumber, wholeNumber } from './option-parsers.js';
export { errorLine, runCli, setUpProgram, type CliCommand, type RunCliOptions } from './run-cli.js';
// What a CLI's program needs before a command runs (option defaults for --help, error reporting),
// re-exported here so that it does not load the main entry's logger and config.
export * from '../defaults.js';
export { errorMessage, isJobSearchError, JobSearchError } from '../errors.js';
