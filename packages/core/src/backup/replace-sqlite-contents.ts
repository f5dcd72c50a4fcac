import Database from 'better-sqlite3';
import { errorMessage, JobSearchError } from '../errors.js';

/**
 * A run still 'running' that started longer ago than this was left by a crashed process (no
 * search runs for hours); it does not block a restore. A younger one is a search in progress.
 */
export const STALE_RUN_AGE_MS = 6 * 60 * 60 * 1000;

export interface ReplaceOptions {
  /** How long to wait for another connection's write to finish before refusing. */
  lockTimeoutMs: number;
  /** Runs while the write lock is held and before anything is replaced (the pre-restore backup). */
  whileLocked: () => Promise<void>;
}

/**
 * Replaces every row of the live database with the rows of `staged` (same schema) in one
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
      copyTables(db);
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
  const since = new Date(Date.now() - STALE_RUN_AGE_MS).toISOString();
  const running = db
    .prepare(
      `SELECT id, search_term, started_at FROM main.search_runs WHERE status = 'running' AND started_at >= ? ORDER BY id`,
    )
    .all(since) as { id: number; search_term: string; started_at: string }[];
  if (running.length === 0) return;
  const list = running.map((run) => `#${run.id} "${run.search_term}"`).join(', ');
  throw new JobSearchError(
    'DB_LOCKED',
    `A search is running on ${path} (run ${list}); wait for it to finish (GET /api/runs/<id>) or stop the process running it (stopping the API marks its searches interrupted), then run restore again. Nothing was changed.`,
    { details: { path, runs: running.map((run) => run.id) } },
  );
}

function tableNames(db: Database.Database, schema: 'main' | 'restored'): string[] {
  return (
    db
      .prepare(
        `SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all() as { name: string }[]
  ).map((row) => row.name);
}

function columns(db: Database.Database, schema: 'main' | 'restored', table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(table, schema) as { name: string }[]).map(
    (row) => row.name,
  );
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function copyTables(db: Database.Database): void {
  const live = tableNames(db, 'main');
  const restored = new Set(tableNames(db, 'restored'));
  const missing = live.filter((table) => !restored.has(table));
  const extra = [...restored].filter((table) => !live.includes(table));
  if (missing.length > 0 || extra.length > 0) {
    throw new JobSearchError(
      'DB_SCHEMA',
      `The upgraded backup and the database have different tables (only in the database: ${missing.join(', ') || 'none'}; only in the backup: ${extra.join(', ') || 'none'}). Run \`jobsearch-migrate status\` on both. Nothing was changed.`,
    );
  }
  for (const table of live) {
    const names = columns(db, 'main', table);
    const available = new Set(columns(db, 'restored', table));
    const absent = names.filter((name) => !available.has(name));
    if (absent.length > 0)
      throw new JobSearchError(
        'DB_SCHEMA',
        `The upgraded backup's ${table} lacks ${absent.join(', ')}. Run \`jobsearch-migrate status\` on both. Nothing was changed.`,
      );
    const list = names.map(quote).join(', ');
    db.exec(`DELETE FROM main.${quote(table)}`);
    db.exec(`INSERT INTO main.${quote(table)} (${list}) SELECT ${list} FROM restored.${quote(table)}`);
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
