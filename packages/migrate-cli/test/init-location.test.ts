import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { init } from '../src/commands/init.js';
import { assertBuiltCli, runCli } from './helpers/run-cli.js';

vi.setConfig({ testTimeout: 120_000 });

beforeAll(() => {
  assertBuiltCli();
});

describe('init and the folder of the database file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jobsearch-init-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a --db whose folder does not exist (exit 2, one line naming the folder and mkdir -p), creating nothing', async () => {
    const missing = join(dir, 'typo', 'sub');
    const run = await runCli(['init', '--db', `file:${join(missing, 'x.db')}`], { cwd: dir });
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`The folder ${missing} does not exist`);
    expect(lines[0]).toContain(`mkdir -p ${missing}`);
    expect(existsSync(join(dir, 'typo'))).toBe(false);
  });

  it('creates the database once the folder exists', async () => {
    await mkdir(join(dir, 'data'));
    const result = await init({ cwd: dir, db: 'file:data/jobsearchai.db' });
    expect(result).toMatchObject({ ok: true, created: true });
    expect(existsSync(join(dir, 'data', 'jobsearchai.db'))).toBe(true);
  });

  it('still creates the default location, instance/jobsearchai.db, folder included', async () => {
    const result = await init({ cwd: dir, env: {} });
    expect(result).toMatchObject({ ok: true, created: true, database: join(dir, 'instance', 'jobsearchai.db') });
    expect(existsSync(join(dir, 'instance', 'jobsearchai.db'))).toBe(true);
  });
});
