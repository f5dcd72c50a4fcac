/** The command functions behind `jobsearch-migrate`, for scripts and tests: each takes `cwd`, returns a result and throws JobSearchError. */
export { backup, type BackupCommandOptions, type BackupCommandResult } from './commands/backup.js';
export { init, type InitOptions, type InitResult } from './commands/init.js';
export { DEFAULT_LEGACY_DIR } from '@jobsearchai/core';
export { migrate, type MigrateOptions, type MigrateResult, type MigrateTotals } from './commands/migrate.js';
export { restore, type RestoreCommandOptions, type RestoreCommandResult } from './commands/restore.js';
export { status, type StatusOptions, type StatusResult } from './commands/status.js';
export { validate, type ValidateOptions, type ValidateResult } from './commands/validate.js';
export type { CommonOptions } from './config.js';
export { EXIT_FAILED, EXIT_OK, EXIT_USAGE, exitCodeOf as exitCodeFor } from '@jobsearchai/core/cli';
export type { FileOutcome, FileStatus } from './migrate/file-outcome.js';
export { runProgram, type CliIo } from './program.js';
export { terminalPrompter, type AskConfig, type ConfirmConfig, type Prompter } from './prompts.js';
export { silentProgress, streamProgress, type Progress } from './output/progress.js';
