import { execFile, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openStore } from '@jobsearchai/core/store';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ageDatabase, writeBackup } from './helpers/agent-setup.js';
import { tempDirs } from './helpers/temp-dir.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
const dirs = tempDirs();
let buildDir: string;
let cli: string;

/** The CLI as shipped: built from the current sources with tsup, run by node as a child process. */
beforeAll(async () => {
  // Outside the work tree; a node_modules link lets the built file resolve the package's dependencies.
  buildDir = mkdtempSync(join(tmpdir(), 'jobsearch-monitor-cli-'));
  symlinkSync(join(packageDir, 'node_modules'), join(buildDir, 'node_modules'), 'dir');
  await run(
    process.execPath,
    [
      join(packageDir, '../../node_modules/tsup/dist/cli-default.js'),
      'src/cli.ts',
      'src/program.ts',
      '--no-config',
      '--external',
      './program.js',
      '--format',
      'esm',
      '--platform',
      'node',
      '--target',
      'node20',
      '--out-dir',
      buildDir,
      '--silent',
    ],
    { cwd: packageDir },
  );
  cli = join(buildDir, 'cli.js');
}, 120_000);
afterAll(() => {
  // The link first, so that nothing can reach through it into the package.
  unlinkSync(join(buildDir, 'node_modules'));
  rmSync(buildDir, { recursive: true, force: true });
});
afterEach(() => dirs.cleanup());

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function monitorCli(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // Only what the agent needs: no DATABASE_URL, LOG_DIR or webhook from the machine running the tests.
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * A project folder with a migrated database and a monitoring.json next to it. The database is two
 * days old unless `ageHours` says otherwise (0: just created, as right after `npm start`).
 */
async function project(config: Record<string, unknown> = {}, ageHours = 48): Promise<string> {
  const dir = dirs.make();
  const store = await openStore({ url: `file:${join(dir, 'instance/jobsearchai.db')}`, migrate: true });
  if (ageHours > 0) await ageDatabase(store, ageHours);
  await store.close();
  writeFileSync(
    join(dir, 'monitoring.json'),
    JSON.stringify({
      database: 'file:instance/jobsearchai.db',
      backupDir: 'backups',
      rules: { diskFree: { minPercent: 0 }, slowQuery: { p95Ms: 10_000 } },
      ...config,
    }),
  );
  return dir;
}

// Each child process loads core (Prisma, drivers): seconds on a busy machine.
describe('jobsearch-monitor --once (built CLI, child process)', { timeout: 120_000 }, () => {
  it('exits 0 and prints the JSON snapshot when healthy; logs go to the log directory, not stdout', async () => {
    const dir = await project();
    mkdirSync(join(dir, 'backups'));
    writeBackup(dir, new Date(Date.now() - 3_600_000));
    const result = await monitorCli(['--config', 'monitoring.json', '--once', '--json', '--log-dir', 'logs'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const snapshot = JSON.parse(result.stdout) as {
      status: string;
      alerts: unknown[];
      database: { reachable: boolean; schemaCurrent: boolean };
      backup: { latestFile: string };
    };
    expect(snapshot).toMatchObject({ status: 'ok', alerts: [], database: { reachable: true, schemaCurrent: true } });
    expect(snapshot.backup.latestFile).toMatch(/^jobsearchai_backup_\d{8}_\d{6}\.db$/);
    const logs = readdirSync(join(dir, 'logs'));
    expect(logs).toEqual([expect.stringMatching(/^monitor\.\d{4}-\d{2}-\d{2}\.1\.log$/)]);
    const lines = readFileSync(join(dir, 'logs', logs[0]!), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; level: number });
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'monitor tick', level: 30 }));
    expect(readdirSync(dir).filter((name) => name.endsWith('.state.json'))).toEqual([
      expect.stringMatching(/^jobsearch-monitor\.[0-9a-f]{12}\.state\.json$/),
    ]);
  });

  it('exits 0 on a fresh install without a backup yet, and 1 once the database is older than the backup limit', async () => {
    const fresh = await project({}, 0);
    const first = await monitorCli(['--config', 'monitoring.json', '--once', '--json'], fresh);
    expect(first.code).toBe(0);
    const snapshot = JSON.parse(first.stdout) as {
      status: string;
      backup: { latestFile: null; databaseAgeHours: number };
    };
    expect(snapshot).toMatchObject({ status: 'ok', backup: { latestFile: null } });
    expect(snapshot.backup.databaseAgeHours).toBeLessThan(24);

    const old = await project({}, 25);
    const second = await monitorCli(['--config', 'monitoring.json', '--once'], old);
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(
      /^ALERT \[warning\] backupAge since .+: No backup found in .+; the database is 25(\.\d+)? h old\)$/m,
    );
  });

  it('exits 1 while an alert fires, announcing it once across runs (state kept next to the config)', async () => {
    const dir = await project();
    const first = await monitorCli(['--config', 'monitoring.json', '--once', '--json'], dir);
    expect(first.code).toBe(1);
    expect(JSON.parse(first.stdout)).toMatchObject({
      status: 'alerting',
      alerts: [{ key: 'backupAge', severity: 'warning' }],
    });
    expect(first.stderr).toMatch(/\[FIRING\] warning backupAge/);

    const second = await monitorCli(['--config', 'monitoring.json', '--once'], dir);
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(/^JobSearchAI health at .+: 1 alert firing$/m);
    expect(second.stdout).toMatch(/^ALERT \[warning\] backupAge since .+: No backup found in /m);
    expect(second.stderr).not.toMatch(/\[FIRING\]/);
  });

  it('keeps alert state per database: an alert on one database is neither resolved nor carried over by another', async () => {
    const dir = await project();
    // A second, fresh database (no backup needed yet) watched with the same config.
    const other = await openStore({ url: `file:${join(dir, 'instance/other.db')}`, migrate: true });
    await other.close();
    const first = await monitorCli(['--config', 'monitoring.json', '--once'], dir);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/\[FIRING\] warning backupAge/);

    const second = await monitorCli(
      ['--config', 'monitoring.json', '--db', 'file:instance/other.db', '--once', '--json'],
      dir,
    );
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 'ok', alerts: [] });
    expect(second.stderr).not.toMatch(/RESOLVED|FIRING/);

    // Back on the first database: still firing since the first run, not announced again.
    const third = await monitorCli(['--config', 'monitoring.json', '--once'], dir);
    expect(third.code).toBe(1);
    expect(third.stderr).not.toMatch(/\[FIRING\]/);
    expect(readdirSync(dir).filter((name) => name.endsWith('.state.json'))).toHaveLength(2);
  });

  it('exits 1 while an alert fires with logs going to files too (the exit waits for the log writer)', async () => {
    const dir = await project();
    const result = await monitorCli(['--config', 'monitoring.json', '--once', '--log-dir', 'logs'], dir);
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(result.stdout).toMatch(/^ALERT \[warning\] backupAge/m);
  });

  it('exits 1 with the collection alert when the database is missing, without creating it', async () => {
    const dir = await project({ rules: { backupAge: { enabled: false } } });
    const result = await monitorCli(
      ['--config', 'monitoring.json', '--db', 'file:nowhere/jobsearchai.db', '--once', '--json'],
      dir,
    );
    expect(result.code).toBe(1);
    const snapshot = JSON.parse(result.stdout) as {
      database: { reachable: boolean; error: string };
      alerts: { key: string; severity: string }[];
    };
    expect(snapshot.database).toMatchObject({ reachable: false, error: expect.stringMatching(/No database at/) });
    expect(snapshot.alerts).toEqual([expect.objectContaining({ key: 'collection', severity: 'critical' })]);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });

  it.each([
    [['--once', '--interval', 'often'], /--interval.*whole number/],
    [['--json'], /--json needs --once/],
    [['--once', '--port', '9100'], /cannot be combined with --once/],
    [['--once', '--bogus'], /unknown option '--bogus'/],
    [['--once', '--db', 'mysql://localhost/jobs'], /Unsupported DATABASE_URL scheme/],
    [['--once', '--config', 'missing.json'], /Cannot read the config file/],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const dir = dirs.make();
    const result = await monitorCli(args, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('exits 2 on an invalid config file, naming the offending key', async () => {
    const dir = await project({ rules: { slowQuery: { p95: 50 } } });
    const result = await monitorCli(['--config', 'monitoring.json', '--once'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/monitoring\.json is invalid: rules\.slowQuery: Unrecognized key.*p95/);
  });

  it('prints help and exits 0', async () => {
    const result = await monitorCli(['--help'], dirs.make());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: jobsearch-monitor/);
    expect(result.stdout).toMatch(/--once/);
  });
});

describe('jobsearch-monitor loop (built CLI, child process)', { timeout: 120_000 }, () => {
  it('serves /metrics until SIGTERM, then exits 0', async () => {
    const dir = await project();
    const child = spawn(process.execPath, [cli, '--config', 'monitoring.json', '--port', '0'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '' },
    });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => reject(new Error(`exited early with ${code}: ${stderr}`)));
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // The first tick is logged after the server listens: wait for both.
        const address = /metrics at (http:\/\/[^\s]+)\/metrics/.exec(stderr);
        if (address && stderr.includes('"msg":"monitor tick"')) resolve(address[1]!);
      });
    });
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toContain('jobsearch_db_up 1');
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stderr).toContain('"msg":"monitor stopped"');
  });
});
