import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobSearchError } from '@jobsearchai/core';
import { EXIT_FAILED, EXIT_USAGE, exitCodeOf } from '@jobsearchai/core/cli';
import { openStore } from '@jobsearchai/core/store';
import { testProviders, testSql } from '@jobsearchai/core/testing';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { init } from '../src/commands/init.js';
import { migrate } from '../src/commands/migrate.js';
import { status } from '../src/commands/status.js';
import { undo } from '../src/commands/undo.js';
import { printStatus } from '../src/output/print-status.js';
import { printUndo } from '../src/output/print-undo.js';
import { createInstallation, legacyRecord, urlOf, type Installation } from './helpers/installation.js';
import { assertBuiltCli, runCli } from './helpers/run-cli.js';
import { scriptedPrompter } from './helpers/scripted-prompter.js';

const CV_KEY = '0123456789abcdef';

describe.each(testProviders())('jobsearch-migrate undo (%s)', (provider) => {
  let install: Installation;
  beforeEach(async () => {
    install = await createInstallation(provider);
    await init({ cwd: install.dir, db: install.db });
  });
  afterEach(async () => {
    await install.cleanup();
  });

  const common = () => ({ cwd: install.dir, db: install.db });
  const importAll = (force = false, dir = 'job_matches') =>
    migrate({ ...common(), dir, searchTerm: 'IT', cvKey: CV_KEY, backup: false, yes: true, force });
  const undoReports = async () => (await readdir(`${install.dir}/reports`)).filter((name) => name.startsWith('undo_'));

  /** The whole job_matches and applications tables, every column. */
  async function tables() {
    const store = await openStore({ url: install.db, cwd: install.dir, create: false });
    try {
      const sql = testSql(store);
      return {
        matches: await sql.query('SELECT * FROM job_matches ORDER BY id'),
        applications: await sql.query('SELECT * FROM applications ORDER BY id'),
      };
    } finally {
      await store.close();
    }
  }

  async function sql(statement: string, params: (string | number)[] = []) {
    const store = await openStore({ url: install.db, cwd: install.dir, create: false });
    try {
      return await testSql(store).execute(statement, params);
    } finally {
      await store.close();
    }
  }

  it('--last after a forced re-import restores the overwritten values, writes a report, and status shows it undone', async () => {
    await install.writeMatches(
      'job_matches_20250101_080000.json',
      [1, 2, 3].map((n) => legacyRecord(n)),
    );
    await importAll();
    const afterFirst = await tables();
    await sleep(5);
    // A later file alone (a forced run over both folders keeps each key's first record).
    await install.write(
      'later/job_matches_20250102_080000.json',
      [1, 2, 4].map((n) => legacyRecord(n, { reasoning: `geändert ${n}`, overall_match: 3 })),
    );
    const forced = await importAll(true, 'later');
    expect(forced.totals).toMatchObject({ migrated: 1, updated: 2 });

    const result = await undo({ ...common(), last: true, yes: true });
    expect(result).toMatchObject({ ok: true, applied: true, createdRemoved: 1, updatedRestored: 2, refused: [] });
    expect(result.backup).toMatch(/backups/);
    expect(await tables()).toEqual(afterFirst);
    expect(printUndo(result)).toMatch(
      /^Backup: .*\nUndid import 2 \(job_matches_20250102_080000\.json, .*\): 1 created row\(s\) removed, 2 updated row\(s\) restored\. The file can be imported again\.\nReport: /,
    );
    const report = JSON.parse(await readFile(result.reports!.json, 'utf8'));
    expect(report).toMatchObject({ importId: 2, createdRemoved: 1, updatedRestored: 2 });
    expect(result.reports!.json).toContain(`${install.dir}/reports/undo_`);
    expect(await readFile(result.reports!.markdown, 'utf8')).toContain('# Undo of legacy import 2');

    const listed = await status(common());
    expect(listed.importList.map((entry) => [entry.id, entry.created, entry.updated, entry.undoneAt !== null])).toEqual(
      [
        [1, 3, 0, false],
        [2, 1, 2, true],
      ],
    );
    expect(printStatus(listed)).toMatch(/\n\s+2\s+job_matches_20250102_080000\.json\s+\S+\s+1\s+2\s+undone /);
    // Both files are listed again as to import: the second one imports anew.
    expect((await importAll(false, 'later')).totals).toMatchObject({ migrated: 1, updated: 0 });
  });

  it('refuses, listing the rows, when a later write touched them; nothing changes until --force', async () => {
    await install.writeMatches(
      'job_matches_20250101_080000.json',
      [1, 2].map((n) => legacyRecord(n)),
    );
    await importAll();
    await sleep(5);
    await sql("UPDATE job_matches SET overall_match = 9, updated_at = '2999-01-01T00:00:00.000Z' WHERE job_url = ?", [
      urlOf(2),
    ]);
    const touched = await tables();

    const refused = await undo({ ...common(), importId: 1, yes: true });
    expect(refused).toMatchObject({ ok: false, applied: false, backup: null });
    expect(refused.refused).toEqual([expect.objectContaining({ jobUrl: urlOf(2), reason: 'changed' })]);
    expect(printUndo(refused)).toContain('Refused to undo import 1');
    expect(printUndo(refused)).toContain(urlOf(2));
    expect(await readFile(refused.reports!.markdown, 'utf8')).toContain('## Rows written after the import');
    expect(await tables()).toEqual(touched);

    const forced = await undo({ ...common(), importId: 1, yes: true, force: true, backup: false });
    expect(forced).toMatchObject({ ok: true, applied: true, createdRemoved: 2 });
    expect((await tables()).matches).toEqual([]);
  });

  it('--dry-run changes nothing and writes no report; confirmation is asked, and required without a terminal', async () => {
    await install.writeMatches(
      'job_matches_20250101_080000.json',
      [1, 2].map((n) => legacyRecord(n)),
    );
    await importAll();
    const before = await tables();

    const preview = await undo({ ...common(), last: true, dryRun: true });
    expect(preview).toMatchObject({ ok: true, dryRun: true, applied: false, createdRemoved: 2, reports: null });
    expect(printUndo(preview)).toContain('Dry run, nothing changed');
    expect(await undoReports()).toEqual([]);

    const noTerminal = await undo({ ...common(), last: true }).catch((e: unknown) => e);
    expect(noTerminal).toBeInstanceOf(JobSearchError);
    expect((noTerminal as JobSearchError).message).toMatch(/pass --yes to confirm/);
    expect(exitCodeOf(noTerminal)).toBe(EXIT_USAGE);

    const declined = scriptedPrompter({ answers: [[/^Undo import 1 .*remove 2 row/, false]] });
    const cancelled = await undo({ ...common(), last: true, prompter: declined }).catch((e: unknown) => e);
    expect((cancelled as JobSearchError).code).toBe('CANCELLED');
    expect(await tables()).toEqual(before);
    expect(existsSync(`${install.dir}/backups`)).toBe(false);

    const accepted = scriptedPrompter({ answers: [[/^Undo import 1 /, true]] });
    expect(await undo({ ...common(), last: true, prompter: accepted, backup: false })).toMatchObject({ applied: true });
    expect((await tables()).matches).toEqual([]);
  });

  it('errors are one line with a usage exit code: unknown id, nothing to undo, an import from before the journal', async () => {
    const failure = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(JobSearchError);
      expect((error as Error).message).not.toContain('\n');
      return error as JobSearchError;
    };
    expect((await failure(undo({ ...common(), last: true, yes: true }))).message).toMatch(/no import to undo/);
    expect(exitCodeOf(await failure(undo({ ...common(), importId: 7, yes: true })))).toBe(EXIT_USAGE);
    expect((await failure(undo({ ...common(), yes: true }))).message).toMatch(/either an import id or --last/);

    await install.writeMatches('job_matches_20250101_080000.json', [legacyRecord(1)]);
    await importAll();
    await undo({ ...common(), importId: 1, yes: true, backup: false });
    expect((await failure(undo({ ...common(), importId: 1, yes: true }))).message).toMatch(/already undone/);

    await importAll();
    await sql('UPDATE legacy_imports SET journaled_at = NULL WHERE id = 2');
    const old = await failure(undo({ ...common(), importId: 2, yes: true }));
    expect(old.message).toMatch(/cannot be undone; restore the backup taken before it with `jobsearch-migrate restore/);
    expect(exitCodeOf(old)).toBe(EXIT_USAGE);
  });
});

describe('jobsearch-migrate undo, the built CLI', () => {
  let install: Installation;
  beforeAll(() => assertBuiltCli());
  beforeEach(async () => {
    install = await createInstallation('sqlite');
  });
  afterEach(async () => {
    await install.cleanup();
  });

  it('exits 2 with one line on an error, 1 when refused, 0 when undone; status lists the ids', async () => {
    const cli = (...args: string[]) => runCli([...args, '--db', install.db], { cwd: install.dir });
    expect((await cli('init')).code).toBe(0);
    const none = await cli('undo', '--last', '--yes');
    expect(none.code).toBe(EXIT_USAGE);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(none.stderr).toMatch(/no import to undo/);

    await install.writeMatches('job_matches_20250101_080000.json', [legacyRecord(1), legacyRecord(2)]);
    expect((await cli('migrate', '--search-term', 'IT', '--cv-key', CV_KEY, '--no-backup')).code).toBe(0);
    expect((await cli('status')).stdout).toMatch(/\n\s+1\s+job_matches_20250101_080000\.json\s+\S+\s+2\s+0\s+no\n?/);
    const noConfirm = await cli('undo', '1');
    expect(noConfirm.code).toBe(EXIT_USAGE);
    expect(noConfirm.stderr).toMatch(/pass --yes to confirm/);

    await sleep(5);
    const store = await openStore({ url: install.db, cwd: install.dir, create: false });
    await testSql(store).execute("UPDATE job_matches SET updated_at = '2999-01-01T00:00:00.000Z' WHERE job_url = ?", [
      urlOf(1),
    ]);
    await store.close();
    const refused = await cli('undo', '1', '--yes', '--json');
    expect(refused.code).toBe(EXIT_FAILED);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, refused: [{ jobUrl: urlOf(1), reason: 'changed' }] });

    const done = await cli('undo', '--last', '--yes', '--force', '--no-backup');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/Undid import 1 .*2 created row\(s\) removed/);
  });
});
