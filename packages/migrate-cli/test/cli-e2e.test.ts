import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openStore } from '@jobsearchai/core/store';
import { testProviders, testSql } from '@jobsearchai/core/testing';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeLegacyFiles } from './helpers/legacy-data.js';
import { createInstallation, legacyRecord, sha256File, urlOf, type Installation } from './helpers/installation.js';
import { assertBuiltCli, CLI, cliEnv, collect, runCli, spawnCli } from './helpers/run-cli.js';

const CV_KEY = '0123456789abcdef';
const ANSWERS = ['--search-term', 'IT', '--cv-key', CV_KEY];

// Each run starts a Node process that loads core (Prisma clients included): seconds apiece on a busy machine.
vi.setConfig({ testTimeout: 240_000 });

beforeAll(() => {
  assertBuiltCli();
});

async function countRows(install: Installation): Promise<{ rows: number; imports: number }> {
  const store = await openStore({ url: install.db, create: false });
  try {
    const counts = await store.tableCounts();
    return {
      rows: counts.jobMatches,
      imports: (await store.listLegacyImports()).filter((row) => row.status !== 'failed').length,
    };
  } finally {
    await store.close();
  }
}

describe.each(testProviders())('jobsearch-migrate, the built CLI (%s)', (provider) => {
  let install: Installation;
  beforeEach(async () => {
    install = await createInstallation(provider);
    await install.writeMatches('job_matches_20250101_080000.json', [legacyRecord(1), legacyRecord(2), legacyRecord(2)]);
    await install.writeMatches('job_matches_20250102_080000.json', [legacyRecord(3), legacyRecord(1)]);
  });
  afterEach(async () => {
    await install.cleanup();
  });

  it('init, migrate, re-run, validate, status: exit codes 0, 2 and 1', async () => {
    const cli = (...args: string[]) => runCli([...args, '--db', install.db], { cwd: install.dir });
    expect((await cli('init')).code).toBe(0);

    const noAnswers = await cli('migrate', '--json');
    expect(noAnswers.code).toBe(2);
    expect(noAnswers.stderr).toMatch(/No terminal to ask.*Nothing was written/);
    expect(noAnswers.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace for an expected error
    expect(JSON.parse(noAnswers.stdout)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const first = await cli('migrate', ...ANSWERS, '--json');
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout);
    expect(result).toMatchObject({
      ok: true,
      totals: { records: 5, migrated: 3, duplicates: 2, duplicatesWithinFile: 1 },
    });
    expect(existsSync(result.backup)).toBe(true);
    expect(first.stderr).toContain(`Backup: ${result.backup}`);
    expect(first.stderr).toMatch(/\[2\/2\] job_matches_20250102_080000\.json: imported/);

    const again = await cli('migrate', ...ANSWERS);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/job_matches_20250101_080000\.json:? +already-imported/);
    expect(again.stdout).not.toContain('Backup:');
    expect((await readdir(join(install.dir, 'backups'))).length).toBe(1);

    expect((await cli('validate')).code).toBe(0);
    const store = await openStore({ url: install.db, create: false });
    await testSql(store).execute('DELETE FROM job_matches WHERE job_url = ?', [urlOf(3)]);
    await store.close();
    const failed = await cli('validate', '--json');
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ ok: false, discrepancies: 1 });

    const state = JSON.parse((await cli('status', '--json')).stdout);
    expect(state).toMatchObject({
      provider,
      schema: { current: true },
      counts: { jobMatches: 2 },
      imports: { files: 2, records: 5, migrated: 3 },
      lastBackup: { path: result.backup },
    });
  });

  it('exits 1 when records were rejected, and 2 for a usage error', async () => {
    await install.writeMatches('job_matches_20250103_080000.json', [legacyRecord(4, { overall_match: 11 })]);
    expect((await runCli(['init', '--db', install.db], { cwd: install.dir })).code).toBe(0);
    const run = await runCli(['migrate', ...ANSWERS, '--db', install.db, '--no-backup'], { cwd: install.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('record 1 (Informatiker/in EFZ 4): overall_match: score 11 is out of range 1–10');
    const usage = await runCli(['migrate', '--cv', 'a.pdf', '--cv-key', CV_KEY], { cwd: install.dir });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/cannot be used with option/);
  });

  it('backup → restore round trip; restore without --yes and without a terminal changes nothing', async () => {
    const cli = (...args: string[]) => runCli([...args, '--db', install.db], { cwd: install.dir });
    await cli('init');
    await cli('migrate', ...ANSWERS, '--no-backup');
    const made = await cli('backup', '--json');
    expect(made.code).toBe(0);
    const { path } = JSON.parse(made.stdout);
    await install.writeMatches('job_matches_20250104_080000.json', [legacyRecord(9)]);
    await cli('migrate', ...ANSWERS, '--no-backup');
    expect((await countRows(install)).rows).toBe(4);

    const refused = await cli('restore', path);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pass --yes/);
    expect((await countRows(install)).rows).toBe(4);

    const restored = await cli('restore', path, '--yes');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/Backed up the replaced database to .*jobsearchai_backup_/);
    expect(restored.stdout).toContain(`from ${path} (3 matches)`);
    expect(await countRows(install)).toEqual({ rows: 3, imports: 2 });
  });

  it('dry run: exact preview, and the database is not touched', async () => {
    await runCli(['init', '--db', install.db], { cwd: install.dir });
    const before = install.dbPath ? await sha256File(install.dbPath) : null;
    const preview = await runCli(['migrate', ...ANSWERS, '--db', install.db, '--dry-run', '--json'], {
      cwd: install.dir,
    });
    expect(preview.code).toBe(0);
    expect(JSON.parse(preview.stdout)).toMatchObject({
      dryRun: true,
      backup: null,
      reports: null,
      totals: { migrated: 3, duplicates: 2 },
    });
    if (install.dbPath) expect(await sha256File(install.dbPath)).toBe(before);
    expect(existsSync(join(install.dir, 'backups'))).toBe(false);
    expect(await countRows(install)).toEqual({ rows: 0, imports: 0 });
  });
});

describe('jobsearch-migrate under faults (sqlite)', () => {
  let install: Installation;
  beforeEach(async () => {
    install = await createInstallation('sqlite');
    expect((await runCli(['init', '--db', install.db], { cwd: install.dir })).code).toBe(0);
  });
  afterEach(async () => {
    await install.cleanup();
  });

  it('a SIGKILL mid-import leaves whole files only, and a re-run completes', async () => {
    const perFile = 20_000;
    await writeLegacyFiles(join(install.dir, 'job_matches'), { files: 3, recordsPerFile: perFile });
    const child = spawnCli(['migrate', ...ANSWERS, '--db', install.db, '--no-backup'], { cwd: install.dir });
    const done = collect(child);
    // Killed right after the first file committed, while the second one is being imported.
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stderr!.on('data', (chunk) => {
        seen += chunk;
        if (seen.includes('[1/3]')) resolve();
      });
    });
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');

    const afterKill = await countRows(install);
    expect(afterKill.imports).toBeLessThan(3);
    expect(afterKill.rows).toBe(afterKill.imports * perFile);

    const rerun = await runCli(['migrate', ...ANSWERS, '--db', install.db, '--no-backup', '--json'], {
      cwd: install.dir,
    });
    expect(rerun.code).toBe(0);
    const statuses = JSON.parse(rerun.stdout).files.map((file: { status: string }) => file.status);
    expect(statuses.filter((s: string) => s === 'already-imported')).toHaveLength(afterKill.imports);
    expect(await countRows(install)).toEqual({ rows: 3 * perFile, imports: 3 });
  });

  it('a full disk during a backup: exit 2, advice, and no partial file left', async () => {
    await install.writeMatches('job_matches_20250101_080000.json', [legacyRecord(1)]);
    // RLIMIT_FSIZE makes writes past 64 KiB fail as a full disk would; Node ignores SIGXFSZ.
    const limited = spawn(
      'bash',
      ['-c', `ulimit -f 64 && exec "${process.execPath}" "${CLI}" backup --db "${install.db}" --dir backups`],
      { cwd: install.dir, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const run = await collect(limited);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /Writing the backup to .*backups failed: .*free disk space.*The partial file was removed/,
    );
    expect(await readdir(join(install.dir, 'backups'))).toEqual([]);
  });
});

describe.each(testProviders().filter((p) => p === 'postgresql'))(
  'jobsearch-migrate on PostgreSQL without pg_dump (%s)',
  (provider) => {
    let install: Installation;
    beforeEach(async () => {
      install = await createInstallation(provider);
      await runCli(['init', '--db', install.db], { cwd: install.dir });
    });
    afterEach(async () => {
      await install.cleanup();
    });

    it('says how to install pg_dump, and migrate offers --no-backup', async () => {
      const noTools = { PATH: '/nonexistent' };
      const backup = await runCli(['backup', '--db', install.db], { cwd: install.dir, env: noTools });
      expect(backup.code).toBe(2);
      expect(backup.stderr).toMatch(/pg_dump is not installed.*apt-get install postgresql-client/);
      await install.writeMatches('job_matches_20250101_080000.json', [legacyRecord(1)]);
      const migrateRun = await runCli(['migrate', ...ANSWERS, '--db', install.db], { cwd: install.dir, env: noTools });
      expect(migrateRun.code).toBe(2);
      expect(migrateRun.stderr).toMatch(/pass --no-backup/);
      expect(await countRows(install)).toEqual({ rows: 0, imports: 0 });
    });
  },
);
