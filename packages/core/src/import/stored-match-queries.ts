import type { SqlDriver } from '../db/sql-driver.js';
import { STORED_MATCH_COLUMNS, type StoredMatchRow } from './check-match-row.js';
import { LEGACY_IMPORT_SOURCE } from './legacy-record-to-match.js';

/** URLs per `IN (…)` list: far below both providers' parameter limits. */
const CHUNK = 500;
/** Rows per page when scanning the whole table (each carries its ~2 KB scraped_data). */
const SCAN_PAGE = 1000;

/** The stored rows among `urls` for one search term and CV, by URL. */
export async function findStoredRows(driver: SqlDriver, searchTerm: string, cvKey: string, urls: readonly string[], columns: 'key' | 'all'): Promise<Map<string, StoredMatchRow>> {
  const select = columns === 'all' ? STORED_MATCH_COLUMNS : 'id, job_url';
  const rows = new Map<string, StoredMatchRow>();
  for (let start = 0; start < urls.length; start += CHUNK) {
    const chunk = urls.slice(start, start + CHUNK);
    const found = await driver.query<StoredMatchRow>(
      `SELECT ${select} FROM job_matches WHERE search_term = ? AND cv_key = ? AND job_url IN (${chunk.map(() => '?').join(', ')})`,
      [searchTerm, cvKey, ...chunk],
    );
    for (const row of found) rows.set(String(row.job_url), row);
  }
  return rows;
}

/** URLs of the rows an import wrote for one search term and CV. */
export async function listImportedUrls(driver: SqlDriver, searchTerm: string, cvKey: string): Promise<string[]> {
  const rows = await driver.query<{ job_url: string }>(`SELECT job_url FROM job_matches WHERE search_term = ? AND cv_key = ? AND source = ?`, [searchTerm, cvKey, LEGACY_IMPORT_SOURCE]);
  return rows.map((row) => row.job_url);
}

/** Every row of job_matches, page by page in id order, without holding the table in memory. */
export async function forEachStoredRow(driver: SqlDriver, visit: (row: StoredMatchRow) => void): Promise<void> {
  let after = -1;
  for (;;) {
    const page = await driver.query<StoredMatchRow>(`SELECT ${STORED_MATCH_COLUMNS} FROM job_matches WHERE id > ? ORDER BY id LIMIT ${SCAN_PAGE}`, [after]);
    for (const row of page) visit(row);
    if (page.length < SCAN_PAGE) return;
    after = Number(page.at(-1)!.id);
  }
}
