import { Command, Option } from 'commander';
import {
  DEFAULT_BACKUP_DIR,
  DEFAULT_BACKUP_KEEP,
  DEFAULT_LEGACY_DIR,
  DEFAULT_VALIDATION_SAMPLE,
  EXIT_FAILED,
  EXIT_OK,
  errorMessage,
  isJobSearchError,
  setUpProgram,
  wholeNumber,
} from '@jobsearchai/core/cli';
import type { Prompter } from './prompts.js';
import packageJson from '../package.json' with { type: 'json' };

/** Where the CLI runs: streams, environment and, on a terminal, a way to ask. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  /** Prompts, progress and errors, so that stdout carries only results (and --json stays parseable). */
  stderr: NodeJS.WritableStream;
  /** Null without a terminal: every answer must come from flags or a mapping file. */
  prompter: Prompter | null;
  /** Draw a progress bar rather than plain lines. */
  tty: boolean;
  /** Width of the terminal stdout writes to, for summaries; unknown (a pipe) means 80. */
  columns?: number;
}

interface Printable {
  ok: boolean;
}

/**
 * Parses argv and runs one command. Returns the exit code of a command that finished (0, or 1
 * when its result is not ok); throws what the command throws and commander's usage errors, which
 * the shared top-level catch (`runCli` in cli.ts) maps to exit codes.
 */
export async function runProgram(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const common = (options: { db?: string }) => ({ cwd: io.cwd, env: io.env, db: options.db });
  const finish = <T extends Printable>(result: T, json: boolean | undefined, print: (result: T) => string) => {
    io.stdout.write(`${json ? JSON.stringify(result, null, 2) : print(result)}\n`);
    exitCode = result.ok ? EXIT_OK : EXIT_FAILED;
  };

  const program = setUpProgram(new Command('jobsearch-migrate'), packageJson.version)
    .description(
      'Move a JobSearchAI installation from legacy JSON files to the database, and look after that database.',
    )
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  const dbOption = () =>
    new Option(
      '--db <url>',
      'database: file:path.db, a path, or postgresql://… (default: DATABASE_URL, else instance/jobsearchai.db)',
    );
  const jsonOption = () => new Option('--json', 'print the result as JSON');

  program
    .command('init')
    .description('create or upgrade the schema; adopt a legacy database in place')
    .addOption(dbOption())
    .option('--no-backup', 'do not back up an existing database before changing its schema')
    .option('--backup-dir <dir>', 'folder of backups', DEFAULT_BACKUP_DIR)
    .addOption(jsonOption())
    .action(async (o) =>
      finish(
        await (await import('./commands/init.js')).init({ ...common(o), backup: o.backup, backupDir: o.backupDir }),
        o.json,
        (await import('./output/print-maintenance.js')).printInit,
      ),
    );

  program
    .command('migrate')
    .description("import legacy job_matches_*.json files, asking for each file's search term and CV")
    .option('--dir <dir>', 'folder of the legacy files', DEFAULT_LEGACY_DIR)
    .addOption(dbOption())
    .option('--dry-run', 'preview exact counts; write nothing')
    .option('--force', 'update stored rows that differ, and import files imported before')
    .option('--search-term <term>', 'search term for every file')
    .addOption(new Option('--cv <path>', 'CV file for every file').conflicts('cvKey'))
    .option('--cv-key <key>', 'cv_key (16 hex characters) for every file, when the CV file is gone')
    .option('--mapping <file>', 'JSON/YAML: file name or glob → { searchTerm, cv | cvKey }')
    .option('--yes', 'do not ask for confirmation')
    .option('--no-backup', 'do not back up the database before writing')
    .option('--backup-dir <dir>', 'folder of backups', DEFAULT_BACKUP_DIR)
    .option('--report <path>', 'report path (.json and .md); default reports/migrate_<time>')
    .addOption(jsonOption())
    .action(async (o) => {
      const [{ migrate }, { streamProgress }, { printMigrate }] = await Promise.all([
        import('./commands/migrate.js'),
        import('./output/progress.js'),
        import('./output/print-migrate.js'),
      ]);
      const result = await migrate({
        ...common(o),
        dir: o.dir,
        dryRun: o.dryRun,
        force: o.force,
        searchTerm: o.searchTerm,
        cv: o.cv,
        cvKey: o.cvKey,
        mapping: o.mapping,
        yes: o.yes,
        backup: o.backup,
        backupDir: o.backupDir,
        report: o.report,
        prompter: io.prompter ?? undefined,
        progress: streamProgress(io.stderr, io.tty),
      });
      finish(result, o.json, (printed) => printMigrate(printed, io.columns));
    });

  program
    .command('validate')
    .description('compare the legacy files with the database; exit 1 on any discrepancy')
    .option('--dir <dir>', 'folder of the legacy files, when they moved since the import', DEFAULT_LEGACY_DIR)
    .addOption(dbOption())
    .option('--sample <n>', 'records compared field by field', wholeNumber(0), DEFAULT_VALIDATION_SAMPLE)
    .option('--seed <n>', 'seed of the sample (the report names the one used)', wholeNumber(0))
    .option('--report <path>', 'report path (.json and .md); default reports/validate_<time>')
    .addOption(jsonOption())
    .action(async (o) =>
      finish(
        await (await import('./commands/validate.js')).validate({
          ...common(o),
          dir: o.dir,
          sample: o.sample,
          seed: o.seed,
          report: o.report,
        }),
        o.json,
        (await import('./output/print-validate.js')).printValidate,
      ),
    );

  program
    .command('backup')
    .description('verified online backup, keeping the newest --keep')
    .addOption(dbOption())
    .option('--dir <dir>', 'folder of backups', DEFAULT_BACKUP_DIR)
    .option('--keep <n>', 'backups to keep', wholeNumber(1), DEFAULT_BACKUP_KEEP)
    .addOption(jsonOption())
    .action(async (o) =>
      finish(
        await (await import('./commands/backup.js')).backup({ ...common(o), dir: o.dir, keep: o.keep }),
        o.json,
        (await import('./output/print-maintenance.js')).printBackup,
      ),
    );

  program
    .command('restore')
    .description('verify a backup, back up the current database, and restore')
    .argument('<file>', 'backup to restore')
    .addOption(dbOption())
    .option('--yes', 'do not ask for confirmation')
    .option('--backup-dir <dir>', 'folder for the backup of the current database', DEFAULT_BACKUP_DIR)
    .addOption(jsonOption())
    .action(async (file: string, o) =>
      finish(
        await (await import('./commands/restore.js')).restore({
          ...common(o),
          file,
          yes: o.yes,
          backupDir: o.backupDir,
          prompter: io.prompter ?? undefined,
          show: (text) => io.stderr.write(`${text}\n`),
        }),
        o.json,
        (await import('./output/print-maintenance.js')).printRestore,
      ),
    );

  program
    .command('undo')
    .description('take back one import: remove the rows it created, restore the rows it updated')
    .argument('[import-id]', 'the import (`jobsearch-migrate status` lists the ids)', wholeNumber(1))
    .option('--last', 'the newest import that is not undone')
    .addOption(dbOption())
    .option('--dry-run', 'report what would be undone; change nothing')
    .option('--force', 'undo rows that were written after the import too')
    .option('--yes', 'do not ask for confirmation')
    .option('--no-backup', 'do not back up the database before writing')
    .option('--backup-dir <dir>', 'folder of backups', DEFAULT_BACKUP_DIR)
    .option('--report <path>', 'report path (.json and .md); default reports/undo_<time>')
    .addOption(jsonOption())
    .action(async (importId: number | undefined, o) => {
      const [{ undo }, { printUndo }] = await Promise.all([
        import('./commands/undo.js'),
        import('./output/print-undo.js'),
      ]);
      const result = await undo({
        ...common(o),
        importId,
        last: o.last,
        dryRun: o.dryRun,
        force: o.force,
        yes: o.yes,
        backup: o.backup,
        backupDir: o.backupDir,
        report: o.report,
        prompter: io.prompter ?? undefined,
      });
      finish(result, o.json, printUndo);
    });

  program
    .command('copy')
    .description('copy the whole installation to another database (SQLite or PostgreSQL) and check parity')
    .requiredOption('--from <url>', 'source database: file:path.db, a path, or postgresql://… (only read)')
    .requiredOption('--to <url>', 'target database: file:path.db, a path, or postgresql://… (empty, or --force)')
    .option('--dry-run', 'print the plan (tables, row counts, target state); change nothing')
    .option('--force', 'delete every row in a non-empty target before copying')
    .option('--report <path>', 'report path (.json and .md); default reports/copy_<time>')
    .addOption(jsonOption())
    .action(async (o) => {
      const [{ copy }, { copyProgress }, { printCopy }] = await Promise.all([
        import('./commands/copy.js'),
        import('./output/copy-progress.js'),
        import('./output/print-copy.js'),
      ]);
      const progress = copyProgress(io.stderr, io.tty);
      try {
        const result = await copy({
          cwd: io.cwd,
          from: o.from,
          to: o.to,
          dryRun: o.dryRun,
          force: o.force,
          report: o.report,
          progress,
        });
        progress.stop();
        finish(result, o.json, printCopy);
      } finally {
        progress.stop();
      }
    });

  program
    .command('status')
    .description('database, schema, row counts, last backup, last import, size')
    .addOption(dbOption())
    .option('--backup-dir <dir>', 'folder of backups', DEFAULT_BACKUP_DIR)
    .addOption(jsonOption())
    .action(async (o) =>
      finish(
        await (await import('./commands/status.js')).status({ ...common(o), backupDir: o.backupDir }),
        o.json,
        (await import('./output/print-status.js')).printStatus,
      ),
    );

  await program.parseAsync(argv);
  return exitCode;
}

/** The bin's program: the process's streams, prompts on a terminal, and `--json` output for errors too. */
export async function main(argv: readonly string[]): Promise<number> {
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  try {
    return await runProgram(argv, {
      cwd: process.cwd(),
      // biome-ignore lint/style/noProcessEnv: the process boundary hands its environment to the commands, whose config modules read it.
      env: process.env,
      stdout: process.stdout,
      stderr: process.stderr,
      prompter: interactive ? (await import('./prompts.js')).terminalPrompter({ output: process.stderr }) : null,
      tty: Boolean(process.stderr.isTTY),
      columns: process.stdout.columns,
    });
  } catch (error) {
    // A script reading --json gets an answer on stdout too (commander's usage errors excepted, as before).
    if (argv.includes('--json') && !(error instanceof Error && error.name === 'CommanderError')) {
      process.stdout.write(
        `${JSON.stringify({ ok: false, error: { code: isJobSearchError(error) ? error.code : 'INTERNAL', message: errorMessage(error) } }, null, 2)}\n`,
      );
    }
    throw error;
  }
}
