// The migrations folders must build exactly the schema Prisma Client is generated from, on both
// providers; Prisma's schema engine (wasm) replays them into a shadow database and diffs.
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMigration,
  diffMigrationsAgainstSchema,
  type EngineOptions,
  type Provider,
} from '../scripts/schema-engine/index.mjs';

const PRISMA_DIR = fileURLToPath(new URL('../../../prisma/', import.meta.url));
const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL;

/**
 * Legacy columns whose DEFAULT CURRENT_TIMESTAMP the legacy code relies on. The models declare
 * them `dbgenerated()`, which the engine's diff never compares, so this is checked directly.
 */
const TIMESTAMP_DEFAULTS = [
  ['job_matches', 'matched_at'],
  ['cv_versions', 'upload_date'],
  ['scrape_history', 'scraped_at'],
  ['applications', 'created_at'],
  ['applications', 'updated_at'],
] as const;

async function migrationScripts(provider: Provider): Promise<string[]> {
  const dir = join(PRISMA_DIR, provider, 'migrations');
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(names.map((name) => readFile(join(dir, name, 'migration.sql'), 'utf8')));
}

/** A scratch copy of prisma/ whose provider folders still link the copy's own models file. */
async function copyPrismaDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'schema-drift-'));
  await cp(PRISMA_DIR, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

/** Adds a nullable column to job_postings in the copy's models, and nowhere else. */
async function addProbeField(prismaDir: string): Promise<void> {
  const path = join(prismaDir, 'models.prisma');
  const models = await readFile(path, 'utf8');
  const anchor = 'model JobPosting {\n';
  expect(models).toContain(anchor);
  await writeFile(path, models.replace(anchor, `${anchor}  driftProbe String? @map("drift_probe")\n`));
}

function driftSuite(provider: Provider, engineOptions: () => EngineOptions) {
  const scratchDirs: string[] = [];
  afterAll(async () => {
    await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('the migrations, applied in order, yield exactly the Prisma schema', async () => {
    const { drift, script } = await diffMigrationsAgainstSchema(provider, engineOptions());
    expect(drift, `SQL the migrations lack:\n${script}`).toBe(false);
  });

  it('reports a model change the migrations lack, and the migration it writes closes the gap', async () => {
    const prismaDir = await copyPrismaDir();
    scratchDirs.push(prismaDir);
    await addProbeField(prismaDir);
    const options = { ...engineOptions(), prismaDir };

    const before = await diffMigrationsAgainstSchema(provider, options);
    expect(before.drift).toBe(true);
    expect(before.script).toMatch(/ALTER TABLE "job_postings" ADD COLUMN\s+"drift_probe" TEXT/);

    const migrationDir = await createMigration(provider, 'drift_probe', {
      ...options,
      now: new Date('2099-01-02T03:04:05Z'),
    });
    expect(migrationDir).toBe(join(prismaDir, provider, 'migrations', '20990102030405_drift_probe'));
    expect(await readFile(join(migrationDir, 'migration.sql'), 'utf8')).toContain('"drift_probe"');

    expect(await diffMigrationsAgainstSchema(provider, options)).toMatchObject({ drift: false });
    await expect(createMigration(provider, 'nothing_left', options)).rejects.toThrow(/nothing to migrate/);
  });
}

describe('schema drift: sqlite', () => {
  driftSuite('sqlite', () => ({}));

  it('keeps the legacy DEFAULT CURRENT_TIMESTAMP columns through every migration', async () => {
    const db = new Database(':memory:');
    try {
      for (const script of await migrationScripts('sqlite')) db.exec(script);
      for (const [table, column] of TIMESTAMP_DEFAULTS) {
        const columns = db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{
          name: string;
          dflt_value: string | null;
        }>;
        expect(columns.find((info) => info.name === column)?.dflt_value, `${table}.${column}`).toBe(
          'CURRENT_TIMESTAMP',
        );
      }
    } finally {
      db.close();
    }
  });
});

// Every engine diff creates a shadow database, which takes seconds on a busy server.
describe.skipIf(!TEST_POSTGRES_URL)('schema drift: postgresql', { timeout: 90_000 }, () => {
  const database = `schema_drift_${randomUUID().replaceAll('-', '')}`;
  let databaseUrl = '';
  let shadowDatabasesBefore: string[] = [];

  async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
  const shadowDatabases = () =>
    withClient(databaseUrl, async (client) =>
      (
        await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_shadow_%'")
      ).rows.map((row) => row.datname),
    );

  beforeAll(async () => {
    await withClient(TEST_POSTGRES_URL!, (client) => client.query(`CREATE DATABASE "${database}"`));
    const url = new URL(TEST_POSTGRES_URL!);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    shadowDatabasesBefore = await shadowDatabases();
  });
  afterAll(async () => {
    await withClient(TEST_POSTGRES_URL!, (client) =>
      client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
    );
  });

  driftSuite('postgresql', () => ({ postgresUrl: databaseUrl }));

  it('keeps the legacy CURRENT_TIMESTAMP defaults through every migration', async () => {
    await withClient(databaseUrl, async (client) => {
      for (const script of await migrationScripts('postgresql')) await client.query(script);
      for (const [table, column] of TIMESTAMP_DEFAULTS) {
        const { rows } = await client.query<{ column_default: string | null }>(
          'SELECT column_default FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2',
          [table, column],
        );
        expect(rows[0]?.column_default, `${table}.${column}`).toMatch(/^\(?CURRENT_TIMESTAMP\)?(::text)?$/i);
      }
    });
  });

  it('drops every shadow database the engine asked for', async () => {
    const leftOver = (await shadowDatabases()).filter((name) => !shadowDatabasesBefore.includes(name));
    expect(leftOver).toEqual([]);
  });
});
