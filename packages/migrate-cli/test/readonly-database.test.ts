import { spawn } from 'node:child_process';
import { chmod, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openStore } from '@jobsearchai/core/store';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { backup } from '../src/commands/backup.js';
import { init } from '../src/commands/init.js';
import { migrate } from '../src/commands/migrate.js';
import { createInstallation, legacyRecord, sha256File, type Installation } from './helpers/installation.js';
import { assertBuiltCli, CLI, cliEnv, collect, type CliRun } from './helpers/run-cli.js';

// Each run starts a Node process that loads core: seconds apiece on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

/** The unprivileged user the CLI runs as when the tests run as root (root ignores file permissions). */
const NOBODY = 65534;
const runsAsRoot = process.getuid?.() === 0;

beforeAll(() => {
  assertBuiltCli();
});

/**
 * Runs the built CLI as a user who cannot write the database: as root, it drops to uid 65534
 * (setpriv); the file is 0444 and its folder 0555 either way, so a non-root runner is refused by
 * the permissions themselves.
 */
function runAsOtherUser(args: readonly string[], cwd: string): Promise<CliRun> {
  const command = runsAsRoot ? 'setpriv' : process.execPath;
  const prefix = runsAsRoot ? [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath] : [];
  return collect(spawn(command, [...prefix, CLI, ...args], { cwd, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] }));
}

describe('a database file this user cannot write', () => {
  let install: Installation;
  let reports: string;
  beforeEach(async () => {
    install = await createInstallation();
    await init({ cwd: install.dir, db: install.db });
    await install.writeMatches('job_matches_20250101_080000.json', [legacyRecord(1), legacyRecord(2)]);
    await migrate({ cwd: install.dir, db: install.db, searchTerm: 'IT', cvKey: '0123456789abcdef', yes: true });
    await install.writeMatches('job_matches_20250102_080000.json', [legacyRecord(3)]);
    // Reports go to a folder anyone may write; the database stays the owner's.
    reports = join(install.dir, 'reports');
    await mkdir(reports, { recursive: true });
    await chmod(reports, 0o777);
    await chmod(install.dbPath!, 0o444);
    await chmod(join(install.dir, 'instance'), 0o555);
    await chmod(install.dir, 0o755);
    await chmod(join(install.dir, 'job_matches'), 0o755);
  });
  afterEach(async () => {
    await chmod(join(install.dir, 'instance'), 0o755);
    await install.cleanup();
  });

  it('status, validate and backup read it; init, migrate, undo and restore exit 2 at once, naming the file and the fix', async () => {
    const saved = (await backup({ cwd: install.dir, db: install.db, dir: reports })).path;
    await chmod(saved, 0o644);
    const before = await sha256File(install.dbPath!);
    const cli = (...args: string[]) => runAsOtherUser([...args, '--db', install.db], install.dir);

    const status = await cli('status', '--json');
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ ok: true, counts: { jobMatches: 2 }, imports: { files: 1 } });

    const validate = await cli('validate', '--json', '--report', join(reports, 'validate'));
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    expect(JSON.parse(validate.stdout)).toMatchObject({ ok: true });

    const copied = await cli('backup', '--json', '--dir', reports);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    expect(JSON.parse(copied.stdout)).toMatchObject({ ok: true, jobMatches: 2 });

    const writers = [
      ['init'],
      ['migrate', '--search-term', 'IT', '--cv-key', '0123456789abcdef', '--yes', '--no-backup'],
      ['migrate', '--search-term', 'IT', '--cv-key', '0123456789abcdef', '--dry-run'],
      ['undo', '--last', '--yes', '--no-backup'],
      ['restore', saved, '--yes'],
    ];
    for (const args of writers) {
      const run = await cli(...args);
      expect(run.code, args.join(' ')).toBe(2);
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toContain(`${install.dbPath} is not writable by this user`);
      expect(lines[0]).toMatch(/Run the command as the owner of the database, or fix the permissions/);
      expect(lines[0]).not.toMatch(/attempt to write a readonly database/);
    }

    expect(await sha256File(install.dbPath!)).toBe(before);
    expect(await readdir(join(install.dir, 'instance'))).toEqual(['jobsearchai.db']);
  });

  it('status reads the latest commits of a writer that has the database open, and leaves no file behind', async () => {
    // The service's connection: its -wal and -shm exist, and the newest rows are only in the -wal.
    const holder = await openStore({ url: install.db, create: false });
    try {
      await migrate({
        cwd: install.dir,
        db: install.db,
        searchTerm: 'IT',
        cvKey: '0123456789abcdef',
        yes: true,
        backup: false,
      });
      const files = (await readdir(join(install.dir, 'instance'))).sort();
      expect(files).toEqual(['jobsearchai.db', 'jobsearchai.db-shm', 'jobsearchai.db-wal']);
      expect((await stat(`${install.dbPath}-wal`)).size).toBeGreaterThan(0);

      const status = await runAsOtherUser(['status', '--json', '--db', install.db], install.dir);
      expect(status.stderr).toBe('');
      expect(status.code).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({ counts: { jobMatches: 3 }, imports: { files: 2 } });
      expect((await readdir(join(install.dir, 'instance'))).sort()).toEqual(files);
    } finally {
      await holder.close();
    }
  });
});
