import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordCliFailure } from '../../src/cli/record-failure.js';
import { CliExit } from '../../src/cli/exit-codes.js';
import { runCli } from '../../src/cli/run-cli.js';
import { JobSearchError } from '../../src/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { openTestStore, type TestStore } from '../../src/testing/test-databases.js';
import { testSql } from '../../src/testing/sql-for-tests.js';

function capture() {
  let text = '';
  return { stderr: { write: (chunk: string) => (text += chunk) }, text: () => text };
}

describe('a CLI failure recorded for jobsearch-monitor (sqlite file)', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore('sqlite');
  });
  afterEach(async () => {
    process.exitCode = 0;
    await t.cleanup();
  });

  const events = () =>
    testSql(t.store).query<{ kind: string; component: string; message: string }>(
      'SELECT kind, component, message FROM app_events ORDER BY id',
    );

  it('records a failure of the system in the database the command opened, after the error line', async () => {
    const io = capture();
    await runCli({
      name: 'jobsearch-test',
      stderr: io.stderr,
      main: async () => {
        const store = await openStore({ url: t.database.url });
        await store.close();
        throw new TypeError('boom');
      },
    });
    expect(process.exitCode).toBe(1);
    expect(io.text()).toBe('jobsearch-test: unexpected error: TypeError: boom\n');
    expect(await events()).toEqual([
      { kind: 'unexpected_error', component: 'jobsearch-test', message: 'TypeError: boom' },
    ]);
  });

  it('leaves out the caller’s errors, CliExit, and a database that is missing or has no current schema', async () => {
    const store = await openStore({ url: t.database.url });
    await store.close();
    const io = capture();
    await recordCliFailure('jobsearch-test', new JobSearchError('INVALID_INPUT', 'bad flag'), io.stderr);
    await recordCliFailure('jobsearch-test', new JobSearchError('DB_UNAVAILABLE', 'gone'), io.stderr);
    await recordCliFailure('jobsearch-test', new JobSearchError('DB_SCHEMA', 'behind'), io.stderr);
    await runCli({
      name: 'jobsearch-test',
      stderr: io.stderr,
      main: async () => {
        throw new CliExit(1, 'targets missed');
      },
    });
    expect(io.text()).toBe('jobsearch-test: targets missed\n');
    expect(await events()).toEqual([]);
  });

  it('says in one line when the database does not take the row, and goes on', async () => {
    const store = await openStore({ url: t.database.url });
    await store.close();
    await testSql(t.store).execute('BEGIN IMMEDIATE');
    const io = capture();
    try {
      await recordCliFailure('jobsearch-test', new JobSearchError('DB_LOCKED', 'locked'), io.stderr, 50);
    } finally {
      await testSql(t.store).execute('ROLLBACK');
    }
    expect(io.text()).toMatch(/^jobsearch-test: could not record this failure for jobsearch-monitor \(.*locked.*\)\n$/);
    expect(await events()).toEqual([]);
  });
});
