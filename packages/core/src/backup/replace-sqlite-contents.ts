import Database from 'better-sqlite3';
import { DEFAULT_RUN_STALE_MINUTES } from '../defaults.js';
import { errorMessage, JobSearchError } from '../errors.js';

/**
 * A run still 'running' whose last sign of life (its heartbeat, written with each page, or its
 * start before the first) is older than this was left by a crashed process: it does not block a
 * restore. A younger one is a search in progress.
 */
export const STALE_RUN_AGE_MS = DEFAULT_RUN_STALE_MINUTES * 60_000;

export interface ReplaceOptions {
  /** How long to wait for another connection's write to finish before refusing. */
  lockTimeoutMs: number;
  /** Runs while the write lock is held and before anything is replaced (the pre-restore backup). */
  whileLocked: () => Promise<void>;
}

/**
 * Replaces the live database's schema and rows with those of `staged` in one
 * IMMEDIATE transaction on the live file. The file, its `-wal` and `-shm` stay where they are, so
 * every connection already open (the API's) reads the restored rows at its next statement and
 * its next write lands in the restored database. Nothing is deleted under an open connection.
 *
 * The write lock is taken before `whileLocked` runs: the backup of the current database made there
 * holds every write that the restore replaces, since no other writer can commit in between.
 */
export async function replaceSqliteContents(livePath: string, staged: string, options: ReplaceOptions): Promise<void> {
  const db = new Database(livePath, { fileMustExist: true, timeout: options.lockTimeoutMs });
  try {
    // Rows go in table by table; the restored set is consistent as a whole, not after each table.
    db.pragma('foreign_keys = OFF');
    db.prepare('ATTACH DATABASE ? AS restored').run(staged);
    begin(db, livePath);
    try {
      refuseRunningSearches(db, livePath);
      await options.whileLocked();
      rebuildFromStaged(db);
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
    db.exec('DETACH DATABASE restored');
  } finally {
    db.close();
  }
}

function begin(db: Database.Database, path: string): void {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (cause) {
    const busy = /^SQLITE_(BUSY|LOCKED)/.test(String((cause as { code?: unknown }).code));
    if (!busy) throw new JobSearchError('DB_UNAVAILABLE', `Cannot open ${path}: ${errorMessage(cause)}.`, { cause });
    throw new JobSearchError(
      'DB_LOCKED',
      `Another process kept a write open on ${path} (an import, a migration or a long search step); wait for it to finish or stop it, and run restore again. Nothing was changed.`,
      { cause, details: { path } },
    );
  }
}

/**
 * A search in progress would go on writing counters and evaluations for a run id that, after the
 * restore, belongs to another run of the backup or to none; it must finish first.
 */
function refuseRunningSearches(db: Database.Database, path: string): void {
  // A database from before search runs existed has none in progress.
  if (db.prepare(`SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'search_runs'`).get() === undefined)
    return;
  const since = new Date(Date.now() - STALE_RUN_AGE_MS).toISOString();
  // Databases from before heartbeats were written have only the start.
  const columns = db.prepare(`SELECT name FROM pragma_table_info('search_runs')`).all() as { name: string }[];
  const lastSign = columns.some((column) => column.name === 'heartbeat_at')
    ? 'COALESCE(heartbeat_at, started_at)'
    : 'started_at';
  const running = db
    .prepare(`SELECT id, search_term FROM main.search_runs WHERE status = 'running' AND ${lastSign} >= ? ORDER BY id`)
    .all(since) as { id: number; search_term: string }[];
  if (running.length === 0) return;
  const list = running.map((run) => `#${run.id} "${run.search_term}"`).join(', ');
  throw new JobSearchError(
    'DB_LOCKED',
    `A search is running on ${path} (run ${list}); wait for it to finish (GET /api/runs/<id>) or stop the process running it (stopping the API marks its searches interrupted), then run restore again. Nothing was changed.`,
    { details: { path, runs: running.map((run) => run.id) } },
  );
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

interface SchemaObject {
  type: string;
  name: string;
  sql: string;
}

function schemaObjects(db: Database.Database, schema: 'main' | 'restored'): SchemaObject[] {
  return db
    .prepare(
      `SELECT type, name, sql FROM ${schema}.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name`,
    )
    .all() as SchemaObject[];
}

/**
 * The live database ends with exactly the staged schema and rows: its tables are dropped (with
 * their indexes) and re-created from the staged database's own CREATE statements, then filled.
 * So a live database at another schema version (a failed deployment's newer one, or an older
 * one) ends at the schema this version restored, like the file the backup holds.
 */
function rebuildFromStaged(db: Database.Database): void {
  for (const object of schemaObjects(db, 'main').reverse())
    if (object.type !== 'index') db.exec(`DROP ${object.type.toUpperCase()} IF EXISTS main.${quote(object.name)}`);
  const staged = schemaObjects(db, 'restored');
  // Unqualified CREATE statements create in main.
  for (const object of staged) db.exec(object.sql);
  for (const object of staged.filter((o) => o.type === 'table')) {
    const table = quote(object.name);
    db.exec(`INSERT INTO main.${table} SELECT * FROM restored.${table}`);
  }
  // AUTOINCREMENT counters follow the restored rows, so new ids continue after the backup's.
  const hasSequence = (schema: string) =>
    db.prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE name = 'sqlite_sequence'`).get() !== undefined;
  if (hasSequence('main')) {
    db.exec('DELETE FROM main.sqlite_sequence');
    if (hasSequence('restored'))
      db.exec('INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq FROM restored.sqlite_sequence');
  }
}
