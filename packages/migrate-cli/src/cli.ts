#!/usr/bin/env node
import { CommanderError } from 'commander';
import { errorMessage, isJobSearchError } from '@jobsearchai/core';
import { EXIT_USAGE, exitCodeFor } from './exit-codes.js';
import { runProgram } from './program.js';
import { terminalPrompter } from './prompts.js';

const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
const json = process.argv.includes('--json');

try {
  process.exitCode = await runProgram(process.argv, {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    prompter: interactive ? terminalPrompter({ output: process.stderr }) : null,
    tty: Boolean(process.stderr.isTTY),
  });
} catch (error) {
  if (error instanceof CommanderError) {
    // commander printed the usage problem (or the help, exit code 0) itself.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
  } else {
    process.exitCode = exitCodeFor(error);
    // Expected errors say what is wrong and what to do; only a bug deserves a stack trace.
    process.stderr.write(`jobsearch-migrate: ${isJobSearchError(error) ? error.message : ((error as Error)?.stack ?? errorMessage(error))}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: { code: isJobSearchError(error) ? error.code : 'INTERNAL', message: errorMessage(error) } }, null, 2)}\n`);
  }
}
