import Database from 'better-sqlite3';
import { deleteMatchesSql, UNDO_DELETE_CHUNK } from '@jobsearchai/core/internal';

/**
 * The raw comparison for an undo on SQLite: the undo's own DELETE statements (core's
 * deleteMatchesSql) over the same ids with a bare better-sqlite3 connection in one transaction —
 * no journal read, no later-write checks, no restore, no bookkeeping. Only the
 * transaction is timed, after the same one rolled back to warm the cache.
 */
export function rawDeleteSqlite(dbPath: string, ids: readonly number[]): { deleted: number; ms: number } {
  const db = new Database(dbPath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const deleteAll = () => {
      let deleted = 0;
      for (let start = 0; start < ids.length; start += UNDO_DELETE_CHUNK) {
        const chunk = ids.slice(start, start + UNDO_DELETE_CHUNK);
        deleted += db.prepare(deleteMatchesSql(chunk.length)).run(...chunk).changes;
      }
      return deleted;
    };
    // Warm-up, rolled back: the store's connection has the pages cached, a fresh one would not.
    const rolledBack = new Error('rolled back');
    try {
      db.transaction(() => {
        deleteAll();
        throw rolledBack;
      })();
    } catch (error) {
      if (error !== rolledBack) throw error;
    }
    // The imports before left a large write-ahead log: checkpoint it now, untimed, so that the
    // timed commit does not pay for their checkpoint.
    db.pragma('wal_checkpoint(TRUNCATE)');
    const started = performance.now();
    const deleted = db.transaction(deleteAll)();
    return { deleted, ms: performance.now() - started };
  } finally {
    db.close();
  }
}
