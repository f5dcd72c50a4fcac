import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/backup/backup-database.js';
import { backupFileName, latestBackup, listBackups } from '../../src/backup/backup-files.js';
import { placeBackup } from '../../src/backup/place-backup.js';
import { isJobSearchError } from '../../src/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';
import { sampleMatch } from '../store/fixtures.js';

let backups: string;
beforeEach(async () => {
  backups = await mkdtemp(join(tmpdir(), 'backups-'));
});
afterEach(async () => {
  await rm(backups, { recursive: true, force: true });
});

describe.each(testProviders())('backupDatabase (%s)', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
    await t.store.insertMatches([sampleMatch(1), sampleMatch(2), sampleMatch(3)]);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('writes a verified, timestamped backup and leaves no temporary file', async () => {
    const result = await backupDatabase(t.database.url, { dir: backups });
    const extension = provider === 'sqlite' ? 'db' : 'dump';
    expect(result.path).toMatch(new RegExp(`/jobsearchai_backup_\\d{8}_\\d{6}\\.${extension}$`));
    expect(result.tables).toEqual(expect.arrayContaining(['job_matches', '_prisma_migrations', 'legacy_imports']));
    expect(result.bytes).toBeGreaterThan(0);
    expect(await readdir(backups)).toEqual([result.path.split('/').at(-1)]);
    expect((await latestBackup(backups))?.path).toBe(result.path);
  });

  it('keeps the newest 10 backups', async () => {
    const made: string[] = [];
    for (let i = 0; i < 12; i++) made.push((await backupDatabase(t.database.url, { dir: backups, keep: 10 })).path);
    const kept = await listBackups(backups);
    expect(kept.map((b) => b.path)).toEqual(made.slice(2));
    expect(new Set(made).size).toBe(12);
  });

  it('says how to install pg_dump when PostgreSQL needs it and it is missing', async () => {
    const attempt = backupDatabase(t.database.url, { dir: backups, env: { PATH: '/nonexistent' } });
    if (provider === 'sqlite') {
      // SQLite needs no external tool.
      await expect(attempt).resolves.toMatchObject({ provider: 'sqlite' });
      return;
    }
    const error = await attempt.catch((e: unknown) => e);
    expect(isJobSearchError(error, 'DB_UNAVAILABLE')).toBe(true);
    expect((error as Error).message).toMatch(/pg_dump is not installed.*apt-get install postgresql-client/);
    expect(await readdir(backups)).toEqual([]);
  });

  it('refuses a folder it cannot create, with advice', async () => {
    const file = join(backups, 'not-a-folder');
    await writeFile(file, 'x');
    const error = await backupDatabase(t.database.url, { dir: join(file, 'backups') }).catch((e: unknown) => e);
    expect(isJobSearchError(error, 'IO_ERROR')).toBe(true);
    expect((error as Error).message).toMatch(
      /Cannot write the backup to .*not-a-folder\/backups.*choose another --dir/,
    );
  });
});

describe('SQLite backup', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore('sqlite');
    await t.store.insertMatches([sampleMatch(1), sampleMatch(2), sampleMatch(3)]);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('copies only committed rows while another connection is mid-write, into one self-contained file', async () => {
    const writer = new Database(t.database.path!);
    writer.exec('BEGIN IMMEDIATE');
    writer
      .prepare(
        `INSERT INTO job_matches (job_url, search_term, cv_key, overall_match, scraped_data, scraped_at) VALUES ('https://www.ostjob.ch/job/x/9', 'IT', '0123456789abcdef', 5, '{}', '2025-01-01')`,
      )
      .run();
    try {
      const result = await backupDatabase(t.database.url, { dir: backups });
      expect(result.jobMatches).toBe(3);
      expect(existsSync(`${result.path}-wal`)).toBe(false);
      const copy = new Database(result.path, { readonly: true });
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      copy.close();
      const restored = await openStore({ url: `file:${result.path}`, create: false });
      expect((await restored.tableCounts()).jobMatches).toBe(3);
      expect((await restored.schemaStatus()).current).toBe(true);
      await restored.close();
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  it('backs up through the connection of an open store', async () => {
    const result = await backupDatabase(t.database.url, { dir: backups, store: t.store });
    expect(result.jobMatches).toBe(3);
  });

  it('removes the partial files a killed backup left, but not those of a backup still running', async () => {
    const exited = spawnSync(process.execPath, ['-e', '']).pid!;
    const stale = join(backups, `.jobsearchai_backup_20250101_000000.${exited}.partial`);
    const running = join(backups, `.jobsearchai_backup_20250101_000000.${process.pid}.partial`);
    await writeFile(stale, 'half a backup');
    await writeFile(`${stale}-journal`, 'x');
    await writeFile(running, 'in progress');
    await backupDatabase(t.database.url, { dir: backups });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(`${stale}-journal`)).toBe(false);
    expect(existsSync(running)).toBe(true);
  });

  it('reports a missing database instead of creating one', async () => {
    const missing = join(backups, 'none.db');
    await expect(backupDatabase(`file:${missing}`, { dir: backups })).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
    expect(existsSync(missing)).toBe(false);
  });
});

describe('backup names', () => {
  it('never overwrites a backup of the same second and orders the sequence numerically', async () => {
    const paths: string[] = [];
    for (let i = 0; i < 12; i++) {
      const temp = join(backups, `.temp-${i}`);
      await writeFile(temp, `backup ${i}`);
      paths.push(await placeBackup(temp, backups, '20251125_140000', '.db'));
    }
    expect(paths[0]).toBe(join(backups, 'jobsearchai_backup_20251125_140000.db'));
    expect(paths[1]).toBe(join(backups, backupFileName('20251125_140000', 1, '.db')));
    expect(paths[11]).toBe(join(backups, 'jobsearchai_backup_20251125_140000_11.db'));
    expect((await listBackups(backups)).map((b) => b.path)).toEqual(paths);
    expect((await latestBackup(backups))?.path).toBe(paths[11]);
    expect(await latestBackup(join(backups, 'absent'))).toBeNull();
  });

  it('does not reuse a number that retention freed, so the newest backup still sorts last', async () => {
    const place = async (i: number) => {
      const temp = join(backups, `.temp-${i}`);
      await writeFile(temp, `backup ${i}`);
      return placeBackup(temp, backups, '20251125_140000', '.db');
    };
    const [oldest] = [await place(0), await place(1), await place(2)];
    await rm(oldest!);
    const newest = await place(3);
    expect(newest).toBe(join(backups, 'jobsearchai_backup_20251125_140000_03.db'));
    expect((await latestBackup(backups))?.path).toBe(newest);
  });
});
