import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { TestDatabase } from '@jobsearchai/core/testing';
import Database from 'better-sqlite3';
import pg from 'pg';
import { freePort, REPO_ROOT, runProgram, type Finished } from './processes.js';

export const DEPLOY_SCRIPT = join(REPO_ROOT, 'scripts/deploy.sh');

/** An installation root as DEPLOYMENT.md sets it up: shared/jobsearch.env, legacy files, a mapping. */
export interface DeployRoot {
  root: string;
  shared: string;
  port: number;
  url: string;
  /** DATABASE_URL of the installation: shared/instance/jobsearchai.db, or the PostgreSQL database given. */
  databaseUrl: string;
  legacyDir: string;
  /** Every row of every table, the schema, and whether the database checks out. */
  snapshot(): Promise<DatabaseSnapshot>;
  deploy(releaseId: string): Promise<Finished>;
  currentRelease(): string | null;
  apiPid(): number | null;
  /** Stops the API the pidfile mode started (tests clean up after themselves). */
  stopApi(): Promise<void>;
  remove(): Promise<void>;
}

/** `postgres`: a database for DATABASE_URL in shared/jobsearch.env; SQLite (the default layout) otherwise. */
export async function createDeployRoot(postgres?: TestDatabase): Promise<DeployRoot> {
  const root = mkdtempSync(join(tmpdir(), 'jobsearch-deploy-'));
  const shared = join(root, 'shared');
  const legacyDir = join(shared, 'job_matches');
  mkdirSync(legacyDir, { recursive: true });
  const port = await freePort();
  writeFileSync(
    join(shared, 'jobsearch.env'),
    `PORT=${port}\nLOG_LEVEL=warn\nRATE_LIMIT=0\n${postgres ? `DATABASE_URL=${postgres.url}\n` : ''}`,
  );
  const dbPath = join(shared, 'instance', 'jobsearchai.db');
  const databaseUrl = postgres?.url ?? `file:${dbPath}`;
  writeFileSync(
    join(shared, 'migrate-mapping.yaml'),
    '"job_matches_*.json":\n  searchTerm: IT\n  cvKey: 3f9a1c27b8e04d55\n',
  );
  const pidFile = join(shared, 'run', 'api.pid');
  const apiPid = () => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : null);
  const stopApi = async () => {
    const pid = apiPid();
    if (pid === null || !alive(pid)) return;
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 150 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  };
  return {
    root,
    shared,
    port,
    url: `http://127.0.0.1:${port}`,
    databaseUrl,
    legacyDir,
    snapshot: () => (postgres ? snapshotPostgres(postgres.url) : Promise.resolve(snapshotSqlite(dbPath))),
    deploy: (releaseId) =>
      runProgram(
        'bash',
        [
          DEPLOY_SCRIPT,
          '--root',
          root,
          '--source',
          REPO_ROOT,
          '--release-id',
          releaseId,
          '--restart',
          'pidfile',
          '--ready-timeout',
          '60',
        ],
        {
          cwd: root,
          timeoutMs: 300_000,
        },
      ),
    currentRelease: () => (existsSync(join(root, 'current')) ? basename(readlinkSync(join(root, 'current'))) : null),
    apiPid,
    stopApi,
    async remove() {
      await stopApi();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface DatabaseSnapshot {
  schema: string[];
  /** Every row of every table, in rowid order. */
  tables: Record<string, unknown[]>;
  integrity: string;
}

/**
 * Everything a rollback must bring back. sqlite_stat* are left out: they are planner statistics
 * that `PRAGMA optimize` refreshes when the API closes the database, not data.
 */
function snapshotSqlite(path: string): DatabaseSnapshot {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const objects = db
      .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name")
      .all() as Array<{ type: string; name: string; sql: string | null }>;
    const tables: Record<string, unknown[]> = {};
    for (const { name } of objects.filter((o) => o.type === 'table')) {
      tables[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
    }
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((row) => row.integrity_check)
      .join('; ');
    return { schema: objects.map((o) => `${o.type} ${o.name}: ${o.sql ?? ''}`), tables, integrity };
  } finally {
    db.close();
  }
}

/** The same for PostgreSQL; `integrity` says whether every constraint is validated. */
async function snapshotPostgres(url: string): Promise<DatabaseSnapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const names = (
      await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
      )
    ).rows.map((r) => r.table_name);
    const tables: Record<string, unknown[]> = {};
    for (const name of names) tables[name] = (await client.query(`SELECT * FROM "${name}" ORDER BY 1`)).rows;
    const columns = await client.query<{ line: string }>(
      "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS line FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
    );
    const indexes = await client.query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname",
    );
    // COUNT is a bigint: a string, or a number where a loaded module set pg's int8 parser.
    const invalid = Number(
      (await client.query<{ n: string | number }>('SELECT COUNT(*) AS n FROM pg_constraint WHERE NOT convalidated'))
        .rows[0]!.n,
    );
    return {
      schema: [...columns.rows.map((r) => r.line), ...indexes.rows.map((r) => r.indexdef)],
      tables,
      integrity: invalid === 0 ? 'ok' : `${invalid} constraints not validated`,
    };
  } finally {
    await client.end();
  }
}
