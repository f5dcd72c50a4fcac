import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/backup/backup-database.js';
import { listBackups } from '../../src/backup/backup-files.js';
import { restoreDatabase } from '../../src/backup/restore-database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { loadMigrations } from '../../src/db/migration-files.js';
import { storeDriver } from '../../src/store/store.js';
import { isJobSearchError } from '../../src/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { testSql } from '../../src/testing/sql-for-tests.js';
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

describe.each(testProviders())('restore with the database open (%s)', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
    await t.store.insertMatches([sampleMatch(1), sampleMatch(2)]);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('an open store reads the restored rows at once and its later writes survive a reopen', async () => {
    const backup = await backupDatabase(t.database.url, { dir: backups });
    await t.store.insertMatches([sampleMatch(3), sampleMatch(4)]);
    expect((await t.store.tableCounts()).jobMatches).toBe(4);

    const result = await restoreDatabase(backup.path, { url: t.database.url, yes: true, backupDir: backups });
    expect(result.jobMatches).toBe(2);
    // The same connection(s), opened before the restore.
    expect((await t.store.tableCounts()).jobMatches).toBe(2);
    await t.store.insertMatch(sampleMatch(7));
    expect((await t.store.tableCounts()).jobMatches).toBe(3);
    await t.store.close();
    expect(await countRows(t.database.url)).toBe(3);
    // The replaced rows are in the backup taken first.
    expect(await backupRows(provider, result.previousBackup!)).toBe(4);
  });

  it('refuses while a search is running and restores once it finished; a run silent for hours (crashed) does not block', async () => {
    const backup = await backupDatabase(t.database.url, { dir: backups });
    await t.store.insertMatch(sampleMatch(3));
    const run = await t.store.createRun({
      searchTerm: 'IT',
      cvKey: 'cv',
      source: 'demo',
      matcher: 'offline',
      model: null,
      maxPages: 1,
    });
    const error = await restoreDatabase(backup.path, { url: t.database.url, yes: true, backupDir: backups }).catch(
      (e: unknown) => e,
    );
    expect(isJobSearchError(error, 'DB_LOCKED')).toBe(true);
    expect((error as Error).message).toMatch(
      new RegExp(`A search is running .*run #${run.id} "IT".*Nothing was changed`),
    );
    expect((await t.store.tableCounts()).jobMatches).toBe(3);
    expect((await listBackups(backups)).length).toBe(1);

    // A long search is judged by its heartbeat, not by its start.
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();
    await testSql(t.store).execute('UPDATE search_runs SET started_at = ? WHERE id = ?', [hoursAgo(7), run.id]);
    const stillRunning = await restoreDatabase(backup.path, {
      url: t.database.url,
      yes: true,
      backupDir: backups,
    }).catch((e: unknown) => e);
    expect(isJobSearchError(stillRunning, 'DB_LOCKED')).toBe(true);

    // Left 'running' by a process whose last heartbeat was 4 hours ago (past the 180-minute stale limit).
    await testSql(t.store).execute('UPDATE search_runs SET heartbeat_at = ? WHERE id = ?', [hoursAgo(4), run.id]);
    const result = await restoreDatabase(backup.path, { url: t.database.url, yes: true, backupDir: backups });
    expect(result.jobMatches).toBe(2);
    expect((await t.store.tableCounts()).jobMatches).toBe(2);
  });

  it('a backup from an older schema version ends at the current schema, its rows kept', async () => {
    await downgrade(t.store);
    const backup = await backupDatabase(t.database.url, { dir: backups });
    expect(await migrateDatabase(storeDriver(t.store))).toMatchObject({ applied: DOWNGRADED });
    await t.store.insertMatch(sampleMatch(3));

    const result = await restoreDatabase(backup.path, { url: t.database.url, yes: true, backupDir: backups });
    expect(result.migrationsApplied).toEqual(DOWNGRADED);
    expect(result.jobMatches).toBe(2);
    // The open store writes the columns and table the older backup lacked.
    const sql = testSql(t.store);
    expect(await sql.query('SELECT flex_fallbacks FROM search_runs')).toEqual([]);
    expect(await sql.query('SELECT id FROM legacy_import_rows')).toEqual([]);
    const applied = await sql.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(applied.map((row) => row.migration_name)).toEqual(expect.arrayContaining(DOWNGRADED));
    await t.store.close();
    const reopened = await openStore({ url: t.database.url, create: false });
    try {
      expect(await migrateDatabase(storeDriver(reopened))).toMatchObject({ applied: [], status: { current: true } });
    } finally {
      await reopened.close();
    }
  });
  it("after a failed deployment: a database at a newer schema gets the backup's schema and rows back", async () => {
    const backup = await backupDatabase(t.database.url, { dir: backups });
    // What a newer release's migration would have done.
    const sql = testSql(t.store);
    await sql.script(`
      ALTER TABLE job_matches ADD COLUMN next_release_note TEXT;
      INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
        VALUES ('next', 'x', '2099-01-01', '20990101000000_next_release', '2099-01-01', 1);
    `);
    await t.store.insertMatch(sampleMatch(3));

    const result = await restoreDatabase(backup.path, { url: t.database.url, yes: true, backupDir: backups });
    expect(result).toMatchObject({ jobMatches: 2, migrationsApplied: [] });
    const columns =
      provider === 'sqlite'
        ? await sql.query<{ name: string }>(`SELECT name FROM pragma_table_info('job_matches')`)
        : await sql.query<{ name: string }>(
            `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'job_matches' AND table_schema = current_schema()`,
          );
    expect(columns.map((c) => c.name)).not.toContain('next_release_note');
    expect(await sql.query(`SELECT id FROM _prisma_migrations WHERE id = 'next'`)).toEqual([]);
    expect((await t.store.tableCounts()).jobMatches).toBe(2);
  });
});

/** The two latest migrations as of this change, undone: a database as the previous version left it. */
const DOWNGRADED = ['20261205103836_llm_service_tier', '20261205131521_legacy_import_undo_journal'];

async function downgrade(store: Awaited<ReturnType<typeof openStore>>): Promise<void> {
  await testSql(store).script(`
    DROP TABLE legacy_import_rows;
    ALTER TABLE legacy_imports DROP COLUMN journaled_at;
    ALTER TABLE legacy_imports DROP COLUMN undone_at;
    ALTER TABLE llm_usage DROP COLUMN service_tier;
    ALTER TABLE search_runs DROP COLUMN flex_fallbacks;
    DELETE FROM _prisma_migrations WHERE migration_name IN ('${DOWNGRADED.join("', '")}');
  `);
}

/** job_matches rows in a backup: an SQLite file, or a pg_dump archive's data read by pg_restore. */
async function backupRows(provider: string, backup: string): Promise<number> {
  if (provider === 'sqlite') return countRows(`file:${backup}`);
  const { stdout } = await promisify(execFile)('pg_restore', [
    '--data-only',
    '--table=job_matches',
    '--file=-',
    backup,
  ]);
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('COPY '));
  return lines.indexOf('\\.', start) - start - 1;
}

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
      const error = await restoreDatabase(backup.path, {
        url: t.database.url,
        yes: true,
        backupDir: backups,
        lockTimeoutMs: 200,
      }).catch((e: unknown) => e);
      expect(isJobSearchError(error, 'DB_LOCKED')).toBe(true);
      expect((error as Error).message).toMatch(/Another process kept a write open.*Nothing was changed/);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    expect((await listBackups(backups)).length).toBe(1);
    expect((await t.store.tableCounts()).jobMatches).toBe(3);
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

  it("restores the legacy installation's database file over a running database, adopted at the current schema", async () => {
    const legacy = join(backups, 'legacy.db');
    const db = new Database(legacy);
    db.exec(loadMigrations('sqlite')[0]!.sql);
    db.prepare(
      `INSERT INTO job_matches (job_url, search_term, cv_key, overall_match, scraped_data, scraped_at) VALUES ('https://www.jobs.ch/en/vacancies/detail/1/', 'IT', 'cv', 80, '{}', '2025-01-02T10:00:00')`,
    ).run();
    db.close();
    const result = await restoreDatabase(legacy, { url: t.database.url, yes: true, backupDir: backups });
    expect(result.migrationsApplied).toEqual(loadMigrations('sqlite').map((m) => m.name));
    expect(result.jobMatches).toBe(1);
    // The store opened before the restore reads the adopted rows.
    expect((await t.store.tableCounts()).jobMatches).toBe(1);
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
        restoreDatabase(backup.path, { url: t.database.url, yes: true, backupDir: backups, lockTimeoutMs: 300 }),
      ).rejects.toMatchObject({
        code: 'DB_LOCKED',
        message: expect.stringMatching(/Another session kept a write open/),
      });
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
    expect((await listBackups(backups)).length).toBe(1);
  });
});
