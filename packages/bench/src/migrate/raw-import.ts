import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import {
  legacyRecordToMatch,
  parseLegacyMatchJson,
  timestampFromLegacyFileName,
} from '@jobsearchai/core/legacy-import';
import { matchInsertSql, matchValues } from '@jobsearchai/core/internal';

/**
 * The raw comparison for the import: the same files read and parsed by core's legacy reader,
 * then a prepared better-sqlite3 INSERT per record in one transaction per file. No import
 * bookkeeping, no sha256 check — the floor the import path is measured against.
 */
export function rawImport(dbPath: string, files: readonly string[], searchTerm: string, cvKey: string): number {
  const db = new Database(dbPath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const insert = db.prepare(matchInsertSql(1));
    let inserted = 0;
    const importFile = db.transaction((path: string) => {
      const parsed = parseLegacyMatchJson(readFileSync(path, 'utf8'), path);
      const timestamp = timestampFromLegacyFileName(path) ?? new Date().toISOString();
      const now = new Date().toISOString();
      for (const record of parsed.records) {
        inserted += insert.run(
          ...matchValues(legacyRecordToMatch(record, { searchTerm, cvKey, timestamp }), now),
        ).changes;
      }
    });
    for (const path of files) importFile(path);
    return inserted;
  } finally {
    db.close();
  }
}
