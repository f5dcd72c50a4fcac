import type { SqlDriver } from '../db/sql-driver.js';

/** The columns of job_matches that import validation reads, as the driver returns them. */
export interface StoredMatchRow {
  id: number;
  job_url: unknown;
  search_term: unknown;
  cv_key: unknown;
  job_title: unknown;
  company_name: unknown;
  location: unknown;
  posting_date: unknown;
  salary_range: unknown;
  overall_match: unknown;
  skills_match: unknown;
  experience_match: unknown;
  education_fit: unknown;
  career_trajectory_alignment: unknown;
  preference_match: unknown;
  potential_satisfaction: unknown;
  location_compatibility: unknown;
  reasoning: unknown;
  scraped_data: unknown;
  scraped_at: unknown;
  matched_at: unknown;
  evaluation_status: unknown;
  source: unknown;
}

const STORED_MATCH_COLUMNS =
  'id, job_url, search_term, cv_key, job_title, company_name, location, posting_date, salary_range, overall_match, skills_match, experience_match, education_fit, career_trajectory_alignment, preference_match, potential_satisfaction, location_compatibility, reasoning, scraped_data, scraped_at, matched_at, evaluation_status, source';

/** URLs per `IN (…)` list: far below both providers' parameter limits. */
const CHUNK = 500;
/** Rows per page when scanning the whole table (each carries its ~2 KB scraped_data). */
const SCAN_PAGE = 1000;

/** The stored rows among `urls` for one search term and CV, by URL: only id and URL, or every column validation reads. */
export async function findStoredRows(
  driver: SqlDriver,
  searchTerm: string,
  cvKey: string,
  urls: readonly string[],
  columns: 'key' | 'all',
): Promise<Map<string, StoredMatchRow>> {
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

/** URLs of the rows one source (e.g. the legacy import) wrote for one search term and CV. */
export async function listUrlsFromSource(
  driver: SqlDriver,
  searchTerm: string,
  cvKey: string,
  source: string,
): Promise<string[]> {
  const rows = await driver.query<{ job_url: string }>(
    `SELECT job_url FROM job_matches WHERE search_term = ? AND cv_key = ? AND source = ?`,
    [searchTerm, cvKey, source],
  );
  return rows.map((row) => row.job_url);
}

/** Every row of job_matches, page by page in id order, without holding the table in memory. */
export async function forEachStoredRow(driver: SqlDriver, visit: (row: StoredMatchRow) => void): Promise<void> {
  let after = -1;
  for (;;) {
    const page = await driver.query<StoredMatchRow>(
      `SELECT ${STORED_MATCH_COLUMNS} FROM job_matches WHERE id > ? ORDER BY id LIMIT ${SCAN_PAGE}`,
      [after],
    );
    for (const row of page) visit(row);
    if (page.length < SCAN_PAGE) return;
    after = Number(page.at(-1)!.id);
  }
}
