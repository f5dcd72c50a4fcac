import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/backup/backup-database.js';
import { listBackups } from '../../src/backup/backup-files.js';
import { restoreDatabase } from '../../src/backup/restore-database.js';
import { isJobSearchError } from '../../src/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';
import { sampleMatch } from '../store/fixtures.js';

let backups: string;
beforeEach(async () => {
  backups = await mkdtemp(join(tmpdir(), 'restore-'));
});
afterEach(async () => {
  await rm(backups, { recursive: true, force: true });
});

async function countRows(url: string): Promise<number> {
  const store = await openStore({ url, create: false });
  try {
    return (await store.tableCounts()).jobMatches;
  } finally {
    await store.close();
  }
}

describe.each(testProviders())('restoreDatabase (%s)', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
    await t.store.insertMatches([sampleMatch(1), sampleMatch(2)]);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('round-trips: restores the backup and keeps a backup of what it replaced', async () => {
    const backup = await backupDatabase(t.database.url, { dir: backups });
    await t.store.insertMatches([sampleMatch(3), sampleMatch(4), sampleMatch(5)]);
    await t.store.close();

    const result = await restoreDatabase(backup.path, { url: t.database.url, yes: true, backupDir: backups });
    expect(result).toMatchObject({ provider, restoredFrom: backup.path, jobMatches: 2 });
    expect(await countRows(t.database.url)).toBe(2);
    expect(result.previousBackup).not.toBe(backup.path);
    expect(existsSync(backup.path)).toBe(true);
    const before = await restoreDatabase(result.previousBackup!, {
      url: t.database.url,
      yes: true,
      backupDir: backups,
    });
    expect(before.jobMatches).toBe(5);
    expect(await countRows(t.database.url)).toBe(5);
    expect((await listBackups(backups)).length).toBe(3);
  });

  it('needs a confirmation and a file that is a JobSearchAI backup', async () => {
    const backup = await backupDatabase(t.database.url, { dir: backups });
    await expect(restoreDatabase(backup.path, { url: t.database.url, yes: false })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const text = join(backups, 'notes.txt');
    await writeFile(text, 'not a backup');
    const error = await restoreDatabase(text, { url: t.database.url, yes: true, backupDir: backups }).catch(
      (e: unknown) => e,
    );
    expect(isJobSearchError(error, 'INVALID_INPUT')).toBe(true);
    await expect(
      restoreDatabase(join(backups, 'missing.db'), { url: t.database.url, yes: true }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listBackups(backups)).length).toBe(1);
    expect((await t.store.tableCounts()).jobMatches).toBe(2);
  });
});

describe('SQLite restore', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore('sqlite');
    await t.store.insertMatches([sampleMatch(1), sampleMatch(2)]);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('refuses while another process holds a write lock, and changes nothing', async () => {
    const backup = await backupDatabase(t.database.url, { dir: backups });
    await t.store.insertMatch(sampleMatch(3));
    const writer = new Database(t.database.path!);
    writer.exec('BEGIN IMMEDIATE');
    try {
      const error = await restoreDatabase(backup.path, { url: t.database.url, yes: true, backupDir: backups }).catch(
        (e: unknown) => e,
      );
      expect(isJobSearchError(error, 'DB_LOCKED')).toBe(true);
      expect((error as Error).message).toMatch(/Another process is writing.*Nothing was changed/);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    expect((await listBackups(backups)).length).toBe(1);
    expect((await t.store.tableCounts()).jobMatches).toBe(3);
  });

  it('removes the -wal and -shm of the replaced database so they cannot be replayed into the restored one', async () => {
    const backup = await backupDatabase(t.database.url, { dir: backups });
    await t.store.insertMatch(sampleMatch(3));
    // An idle reader keeps the old database's -wal/-shm alive past the restore's own connection.
    const reader = new Database(t.database.path!, { readonly: true });
    reader.prepare('SELECT COUNT(*) FROM job_matches').get();
    expect(existsSync(`${t.database.path}-wal`)).toBe(true);
    try {
      const result = await restoreDatabase(backup.path, { url: t.database.url, yes: true, backupDir: backups });
      expect(result.removedFiles).toEqual([`${t.database.path}-wal`, `${t.database.path}-shm`]);
    } finally {
      reader.close();
    }
    await t.store.close();
    expect(await countRows(t.database.url)).toBe(2);
    const check = new Database(t.database.path!, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });

  it('refuses an SQLite file without the JobSearchAI tables', async () => {
    const other = join(backups, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (id INTEGER)');
    db.close();
    await expect(restoreDatabase(other, { url: t.database.url, yes: true, backupDir: backups })).rejects.toThrow(
      /not a JobSearchAI backup/,
    );
  });

  it('restores into a database that does not exist yet', async () => {
    const backup = await backupDatabase(t.database.url, { dir: backups });
    const fresh = join(backups, 'instance', 'jobsearchai.db');
    const result = await restoreDatabase(backup.path, { url: `file:${fresh}`, yes: true, backupDir: backups });
    expect(result).toMatchObject({ previousBackup: null, jobMatches: 2 });
    expect(await countRows(`file:${fresh}`)).toBe(2);
  });
});

describe.each(testProviders().filter((p) => p === 'postgresql'))('PostgreSQL restore (%s)', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
    await t.store.insertMatches([sampleMatch(1)]);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('refuses while another session has a write transaction open', async () => {
    const backup = await backupDatabase(t.database.url, { dir: backups });
    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO scrape_history (search_term, page_number, jobs_found, new_jobs, duplicate_jobs) VALUES ('IT', 1, 1, 1, 0)`,
    );
    try {
      await expect(
        restoreDatabase(backup.path, { url: t.database.url, yes: true, backupDir: backups }),
      ).rejects.toMatchObject({ code: 'DB_LOCKED' });
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
    expect((await listBackups(backups)).length).toBe(1);
  });
});
