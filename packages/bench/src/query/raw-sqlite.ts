import { MATCH_LIST_COLUMNS as LIST_COLUMNS, newPostingsSql } from '@jobsearchai/core/internal';
import Database from 'better-sqlite3';

/** The SQL the store runs for each operation, written out for raw prepared statements. */
export const RAW_SQL = {
  lookup: newPostingsSql(1),
  pageCheck: newPostingsSql(10),
  list: `SELECT ${LIST_COLUMNS} FROM job_matches WHERE search_term = ? AND cv_key = ? AND overall_match >= ? ORDER BY overall_match DESC, id DESC LIMIT ?`,
  listLocation: `SELECT ${LIST_COLUMNS} FROM job_matches WHERE search_term = ? AND cv_key = ? AND overall_match >= ? AND location LIKE ? ESCAPE '\\' ORDER BY overall_match DESC, id DESC LIMIT ?`,
} as const;

export interface StorageBreakdown {
  tableBytesPerRow: number;
  /** Of tableBytesPerRow: space left free in the table's pages. */
  tableFreeBytesPerRow: number;
  indexBytesPerRow: Record<string, number>;
  /** Average stored length of the two large columns. */
  reasoningBytes: number;
  scrapedDataBytes: number;
}

/** The store's date-sorted lists, for EXPLAIN only: they are timed through the store alone. */
export const DATE_SORT_SQL = {
  listByDate: `SELECT ${LIST_COLUMNS} FROM job_matches WHERE search_term = ? AND cv_key = ? AND overall_match >= ? ORDER BY matched_at DESC NULLS LAST, id DESC LIMIT ?`,
  listByDateAllCvs: `SELECT ${LIST_COLUMNS} FROM job_matches WHERE search_term = ? AND overall_match >= ? ORDER BY matched_at DESC NULLS LAST, id DESC LIMIT ?`,
} as const;

/** A second connection to the store's file with the legacy PRAGMAs, for the raw side of each comparison. */
export class RawSqlite {
  readonly db: Database.Database;
  readonly #lookup: Database.Statement;
  readonly #pageCheck: Database.Statement;
  readonly #list: Database.Statement;
  readonly #listLocation: Database.Statement;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('temp_store = MEMORY');
    this.#lookup = this.db.prepare(RAW_SQL.lookup).pluck();
    this.#pageCheck = this.db.prepare(RAW_SQL.pageCheck).pluck();
    this.#list = this.db.prepare(RAW_SQL.list);
    this.#listLocation = this.db.prepare(RAW_SQL.listLocation);
  }

  lookup(url: string, searchTerm: string, cvKey: string): unknown[] {
    return this.#lookup.all(url, searchTerm, cvKey);
  }

  pageCheck(urls: readonly string[], searchTerm: string, cvKey: string): unknown[] {
    return this.#pageCheck.all(...urls, searchTerm, cvKey);
  }

  list(searchTerm: string, cvKey: string, minScore: number, limit: number): unknown[] {
    return this.#list.all(searchTerm, cvKey, minScore, limit + 1);
  }

  listLocation(searchTerm: string, cvKey: string, minScore: number, location: string, limit: number): unknown[] {
    return this.#listLocation.all(searchTerm, cvKey, minScore, `%${location}%`, limit + 1);
  }

  /** Moves the WAL into the file, so the file size is the database size. */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  pageSize(): number {
    return Number(this.db.pragma('page_size', { simple: true }));
  }

  databaseBytes(): number {
    return Number(this.db.pragma('page_count', { simple: true })) * this.pageSize();
  }

  /**
   * Where the bytes of job_matches go, per row: the table's pages (and the free space left in
   * them) and each index, from SQLite's dbstat table; null when this build lacks dbstat.
   */
  storage(rows: number): StorageBreakdown | null {
    let objects: Array<{ name: string; bytes: number; unused: number }>;
    try {
      objects = this.db
        .prepare(
          `SELECT name, SUM(pgsize) AS bytes, SUM(unused) AS unused FROM dbstat WHERE name = 'job_matches' OR name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'job_matches') GROUP BY name ORDER BY bytes DESC`,
        )
        .all() as Array<{ name: string; bytes: number; unused: number }>;
    } catch {
      return null;
    }
    const perRow = (bytes: number) => Math.round(bytes / rows);
    const table = objects.find((o) => o.name === 'job_matches');
    const payload = this.db
      .prepare(
        `SELECT AVG(length(CAST(reasoning AS BLOB))) AS reasoning, AVG(length(CAST(scraped_data AS BLOB))) AS scraped FROM job_matches`,
      )
      .get() as { reasoning: number; scraped: number };
    return {
      tableBytesPerRow: perRow(table?.bytes ?? 0),
      tableFreeBytesPerRow: perRow(table?.unused ?? 0),
      indexBytesPerRow: Object.fromEntries(
        objects.filter((o) => o.name !== 'job_matches').map((o) => [o.name, perRow(o.bytes)]),
      ),
      reasoningBytes: Math.round(payload.reasoning),
      scrapedDataBytes: Math.round(payload.scraped),
    };
  }

  plan(sql: string): string[] {
    const params = (sql.match(/\?/g) ?? []).map(() => 'x');
    return this.db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((row) => String((row as { detail: string }).detail));
  }

  close(): void {
    this.db.close();
  }
}
