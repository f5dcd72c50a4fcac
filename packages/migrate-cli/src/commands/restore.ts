import { JobSearchError } from '@jobsearchai/core';
import { restoreDatabase, type RestoreResult } from '@jobsearchai/core/backup';
import { databaseTarget, type CommonOptions } from '../config.js';
import { printRestoreComparison } from '../output/print-restore-comparison.js';
import type { Prompter } from '../prompts.js';
import { compareForRestore, type RestoreComparison } from '../restore/compare-for-restore.js';

export interface RestoreCommandOptions extends CommonOptions {
  file: string;
  /** Confirmed beforehand: do not ask. */
  yes?: boolean;
  /** Where the backup of the current database goes; default `backups`. */
  backupDir?: string;
  /** Given on a terminal: asks for confirmation when --yes is absent. */
  prompter?: Prompter;
  /** Shows text before the question (the CLI: stderr, where the prompts are). */
  show?: (text: string) => void;
}

export type RestoreCommandResult = RestoreResult & {
  ok: true;
  /** The backup and the database it replaced, as they were before the restore. */
  before: RestoreComparison;
};

/** Replaces the database with a backup, after backing up the current one. */
export async function restore(options: RestoreCommandOptions): Promise<RestoreCommandResult> {
  const target = databaseTarget(options);
  const before = await compareForRestore(target, options.file, options.cwd);
  if (!options.yes) {
    if (!options.prompter)
      throw new JobSearchError(
        'INVALID_INPUT',
        `Restoring replaces ${target.display}; pass --yes to confirm (there is no terminal to ask). The current database is backed up first.`,
      );
    options.show?.(printRestoreComparison(before));
    const go = await options.prompter.confirm({
      message: `Replace ${target.display} with ${options.file}? The current database is backed up first.`,
      default: false,
    });
    if (!go) throw new JobSearchError('CANCELLED', 'Restore cancelled; nothing was changed.');
  }
  const result = await restoreDatabase(options.file, {
    url: target.url,
    yes: true,
    cwd: options.cwd,
    backupDir: options.backupDir,
    env: options.env,
  });
  return { ...result, ok: true, before };
}
