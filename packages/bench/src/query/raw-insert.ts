import Database from 'better-sqlite3';
import type { MatchInput } from '@jobsearchai/core';
import { matchInsertSql, matchValues } from '@jobsearchai/core/internal';
import type { BulkInsertFigures } from './query-types.js';
import { realisticRows } from './realistic-rows.js';

/**
 * The raw comparison for the bulk path: one prepared single-row INSERT per row, one transaction
 * per chunk, on a file whose schema the store created. Generating rows is not timed.
 */
export function rawBulkInsert(path: string, rows: number, chunkRows: number): BulkInsertFigures {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const insert = db.prepare(matchInsertSql(1));
    const insertChunk = db.transaction((chunk: MatchInput[], now: string) => {
      let changes = 0;
      for (const input of chunk) changes += insert.run(...matchValues(input, now)).changes;
      return changes;
    });
    let insertMs = 0;
    let inserted = 0;
    for (let start = 0; start < rows; start += chunkRows) {
      const chunk = realisticRows(start, Math.min(rows, start + chunkRows));
      const started = performance.now();
      inserted += insertChunk(chunk, new Date().toISOString());
      insertMs += performance.now() - started;
    }
    return {
      rows: inserted,
      insertMs: Math.round(insertMs),
      recordsPerSecond: Math.round(inserted / (insertMs / 1000)),
    };
  } finally {
    db.close();
  }
}
