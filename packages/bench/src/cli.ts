#!/usr/bin/env node
import { isJobSearchError } from '@jobsearchai/core';
import { CommanderError } from 'commander';
import { BenchExit, program } from './program.js';

const io = { stdout: (text: string) => void process.stdout.write(text), argv: process.argv.slice(2) };

try {
  await program(io).parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and usage errors have printed themselves.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof BenchExit) {
    process.stderr.write(`jobsearch-bench: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`jobsearch-bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = isJobSearchError(error, 'INVALID_INPUT') ? 2 : 1;
  }
}
