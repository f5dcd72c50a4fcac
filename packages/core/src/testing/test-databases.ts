import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Provider } from '../db/sql-driver.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';

/**
 * Fresh databases for tests: a new SQLite file in a temp folder, or a new PostgreSQL database
 * created from TEST_POSTGRES_URL and dropped afterwards. Test-only code, so it reads the
 * environment itself.
 */
export function postgresTestUrl(): string | undefined {
  return process.env.TEST_POSTGRES_URL || undefined;
}

/** The providers every store test runs on: SQLite always, PostgreSQL when a server is given. */
export function testProviders(): Provider[] {
  return postgresTestUrl() ? ['sqlite', 'postgresql'] : ['sqlite'];
}

export interface TestDatabase {
  provider: Provider;
  url: string;
  /** SQLite only: the file. */
  path?: string;
  /** SQLite only: the temp folder holding it (tests may put fixtures there). */
  dir?: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'jobsearch-test-'));
    const path = join(dir, 'test.db');
    return {
      provider,
      url: `file:${path}`,
      path,
      dir,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = postgresTestUrl();
  if (!adminUrl) throw new Error('TEST_POSTGRES_URL is not set');
  const database = await createPostgresDatabase(
    adminUrl,
    `jobsearch_test_${process.pid}_${randomBytes(4).toString('hex')}`,
  );
  return { provider, ...database };
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A new, empty PostgreSQL database on the server of `adminUrl` (a leftover of the same name from
 * a killed run is replaced), for tests and benchmarks; `drop()` removes it.
 */
export async function createPostgresDatabase(adminUrl: string, name: string): Promise<ScratchDatabase> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
  await withAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestStore {
  store: Store;
  database: TestDatabase;
  cleanup(): Promise<void>;
}

/** A store on a fresh database with every migration applied. */
export async function openTestStore(provider: Provider, options: { migrate?: boolean } = {}): Promise<TestStore> {
  const database = await createTestDatabase(provider);
  const store = await openStore({ url: database.url, migrate: options.migrate ?? true });
  return {
    store,
    database,
    async cleanup() {
      await store.close().catch(() => undefined);
      await database.drop();
    },
  };
}
