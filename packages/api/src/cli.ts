#!/usr/bin/env node
// The version check runs before the program loads: on an older Node, better-sqlite3 crashes the process.
import { checkNodeVersion, runCli } from '@jobsearchai/core/cli';

if (checkNodeVersion('jobsearch-api')) {
  const { main } = await import('./program.js');
  await runCli({ name: 'jobsearch-api', main: () => main(process.argv) });
}
