import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_CV_PATH } from '@jobsearchai/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testProviders, type TestDatabase } from '@jobsearchai/core/testing';
import { alive, createDeployRoot, DEPLOY_SCRIPT, type DeployRoot } from './harness/deploy-root.js';
import { legacyUrl, snakeCaseRecord } from './harness/legacy-files.js';
import { expectSuccess, freePort, REPO_ROOT, run, runProgram } from './harness/processes.js';

/** The fields of the API's answers this rehearsal reads (the match list's items, when there are some). */
interface ApiAnswer {
  items: { jobUrl: string }[];
}

async function getJson(url: string): Promise<{ status: number; body: ApiAnswer }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.json()) as ApiAnswer };
}

/**
 * The deployment of DEPLOYMENT.md rehearsed in a temporary installation root: a first deploy,
 * a search against the running release, a deploy that fails validation and must roll back to
 * exactly the database it started from, then the fixed deploy.
 */
describe.each(testProviders())('scripts/deploy.sh rehearsal (pidfile mode, %s)', { timeout: 600_000 }, (provider) => {
  let site: DeployRoot;
  let postgres: TestDatabase | undefined;
  const firstFile = 'job_matches_20250301_080000.json';
  const firstPostings = [1, 2, 3];
  const laterPosting = 4;
  const writeLegacyFile = (name: string, postings: number[]) =>
    writeFileSync(
      join(site.legacyDir, name),
      JSON.stringify(
        postings.map((n) => snakeCaseRecord(n)),
        null,
        2,
      ),
    );

  beforeAll(async () => {
    postgres = provider === 'postgresql' ? await createTestDatabase('postgresql') : undefined;
    site = await createDeployRoot(postgres);
    writeLegacyFile(firstFile, firstPostings);
  });
  afterAll(async () => {
    await site?.remove();
    await postgres?.drop();
  });

  it('first deploy: installs, creates the schema, imports the legacy files, starts the API and passes the smoke test', async () => {
    const result = expectSuccess(await site.deploy('r1'), 'first deploy');
    // No SQLite file yet, or a PostgreSQL database without tables: nothing to back up.
    expect(result.stdout).toMatch(/no database yet .*: nothing to back up/);
    expect(result.stdout).toMatch(/job_matches_20250301_080000\.json: imported \(3 records: 3 migrated/);
    expect(result.stdout).toMatch(/Validation passed: no discrepancies/);
    expect(result.stdout).toMatch(/All 5 checks passed/);
    expect(result.stdout).toMatch(/Deployed r1\./);
    expect(site.currentRelease()).toBe('r1');
    expect(alive(site.apiPid()!)).toBe(true);
    const matches = await getJson(`${site.url}/api/matches?search_term=IT&limit=10`);
    expect(matches.status).toBe(200);
    const urls = matches.body.items.map((m: { jobUrl: string }) => m.jobUrl);
    expect(urls.sort()).toEqual(firstPostings.map((n) => legacyUrl(n)).sort());
    expect(existsSync(join(site.shared, 'logs', 'deploy_r1.log'))).toBe(true);
  });

  it('a deploy that fails validation restores the database exactly and brings the previous release back', async () => {
    // The running release does real work first, so the database holds runs, postings and evaluations.
    const search = expectSuccess(
      await run(
        'jobsearch-api',
        [
          'search',
          '--search-term',
          'Informatik',
          '--cv',
          SAMPLE_CV_PATH,
          '--source',
          'demo',
          '--max-pages',
          '1',
          '--db',
          site.databaseUrl,
          '--json',
        ],
        {
          cwd: site.shared,
          env: { DEMO_BOARD_PORT: String(await freePort()) },
        },
      ),
      'search against the running release',
    );
    expect(JSON.parse(search.stdout)).toMatchObject({ status: 'completed', postingsNew: 10 });
    const before = await site.snapshot();
    expect(before.tables.search_runs).toHaveLength(1);
    const pidBefore = site.apiPid();

    // A legacy file edited after its import (scores changed) and a new one: the import goes
    // through, then validation sees the edited file disagree with the database.
    const path = join(site.legacyDir, firstFile);
    const original = readFileSync(path, 'utf8');
    const edited = JSON.parse(original) as Array<{ overall_match: number }>;
    edited[0]!.overall_match = edited[0]!.overall_match === 9 ? 2 : 9;
    writeFileSync(path, JSON.stringify(edited, null, 2));
    writeLegacyFile('job_matches_20250302_080000.json', [laterPosting]);

    const failed = await site.deploy('r2');
    expect(failed.code, failed.stdout + failed.stderr).toBe(1);
    expect(failed.stdout).toMatch(/job_matches_20250302_080000\.json: imported \(1 records: 1 migrated/);
    expect(failed.stdout).toMatch(/Validation failed: \d+ discrepanc/);
    expect(failed.stdout).toMatch(/step 'validate' failed: rolling back/);
    expect(failed.stdout).toMatch(/Deployment of r2 FAILED at 'validate' and was rolled back to r1/);

    expect(site.currentRelease()).toBe('r1');
    const after = await site.snapshot();
    expect(after.integrity).toBe('ok');
    expect(after.schema).toEqual(before.schema);
    expect(after.tables).toEqual(before.tables);
    // The previous release was stopped for the backup and serves again.
    const pidAfter = site.apiPid();
    expect(pidAfter).not.toBe(pidBefore);
    expect(alive(pidAfter!)).toBe(true);
    expect((await getJson(`${site.url}/api/ready`)).status).toBe(200);
    const served = await getJson(`${site.url}/api/matches?search_term=IT&limit=10`);
    expect(served.body.items.some((m: { jobUrl: string }) => m.jobUrl === legacyUrl(laterPosting))).toBe(false);

    // Fixed: the file as it was imported. The next deploy goes through and imports the new file.
    writeFileSync(path, original);
    const fixed = expectSuccess(await site.deploy('r3'), 'deploy after the fix');
    expect(fixed.stdout).toMatch(/backup: .*jobsearchai_backup_\d{8}_\d{6}\.(db|dump)/);
    expect(fixed.stdout).toMatch(/Deployed r3 \(previous: r1\)/);
    expect(site.currentRelease()).toBe('r3');
    const now = await getJson(`${site.url}/api/matches?search_term=IT&limit=10`);
    expect(now.body.items.some((m: { jobUrl: string }) => m.jobUrl === legacyUrl(laterPosting))).toBe(true);
    expect((await site.snapshot()).tables.search_runs).toEqual(before.tables.search_runs);
  });

  it('refuses bad usage before touching anything', async () => {
    const noRoot = await runProgram('bash', [DEPLOY_SCRIPT, '--source', '/nonexistent'], { cwd: site.root });
    expect(noRoot.code).toBe(2);
    expect(noRoot.stderr).toMatch(/--root is required/);
    const badMode = await runProgram(
      'bash',
      [DEPLOY_SCRIPT, '--root', site.root, '--source', site.root, '--restart', 'docker'],
      { cwd: site.root },
    );
    expect(badMode.code).toBe(2);
    expect(badMode.stderr).toMatch(/--restart must be systemd or pidfile/);
    const notARelease = await runProgram(
      'bash',
      [DEPLOY_SCRIPT, '--root', site.root, '--source', site.shared, '--release-id', 'bogus', '--restart', 'pidfile'],
      { cwd: site.root },
    );
    expect(notARelease.code).toBe(1);
    expect(notARelease.stdout).toMatch(/is not a JobSearchAI release/);
    expect(notARelease.stdout).toMatch(/FAILED at 'install' and was rolled back to r3/);
    expect(site.currentRelease()).toBe('r3');
    expect((await getJson(`${site.url}/api/ready`)).status).toBe(200);
  });
});

describe('deploy/jobsearch-api.service', () => {
  const unitPath = join(REPO_ROOT, 'deploy/jobsearch-api.service');
  const unit = readFileSync(unitPath, 'utf8');
  const setting = (key: string) => unit.match(new RegExp(`^${key}=(.*)$`, 'm'))?.[1];

  it('runs the layout deploy.sh creates: current/ for the code, shared/ for the data and the environment', () => {
    expect(setting('ExecStart')).toBe('/usr/bin/node /opt/jobsearchai/current/packages/api/dist/cli.js serve');
    expect(existsSync(join(REPO_ROOT, 'packages/api/dist/cli.js'))).toBe(true);
    expect(setting('WorkingDirectory')).toBe('/opt/jobsearchai/shared');
    expect(setting('EnvironmentFile')).toBe('/opt/jobsearchai/shared/jobsearch.env');
    expect(setting('ReadWritePaths')).toBe('/opt/jobsearchai/shared');
    expect(setting('KillSignal')).toBe('SIGTERM');
  });

  it('passes systemd-analyze verify, with the monitor and backup units beside it', async () => {
    // Verified with this machine's node in ExecStart: systemd checks that the binary exists.
    const dir = mkdtempSync(join(tmpdir(), 'jobsearch-unit-'));
    try {
      const units = readdirSync(join(REPO_ROOT, 'deploy')).filter((name) => /\.(service|timer)$/.test(name));
      expect(units.sort()).toEqual([
        'jobsearch-api.service',
        'jobsearch-backup.service',
        'jobsearch-backup.timer',
        'jobsearch-monitor.service',
      ]);
      for (const name of units)
        writeFileSync(
          join(dir, name),
          readFileSync(join(REPO_ROOT, 'deploy', name), 'utf8').replaceAll('/usr/bin/node', process.execPath),
        );
      const verified = await runProgram('systemd-analyze', ['verify', ...units.map((name) => join(dir, name))], {
        cwd: dir,
      });
      expect(verified.code, verified.stderr).toBe(0);
      // systemd-analyze exits 0 on settings it ignores; it names the file and line for each.
      expect(verified.stderr).not.toMatch(/jobsearch-[a-z]+\.(service|timer):\d+:/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
