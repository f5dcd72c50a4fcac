import type { SqlDriver } from '../db/sql-driver.js';
import { MATCH_LIST_COLUMNS, type MatchRow, toMatchDetail } from './match-columns.js';
import type { MatchDetail, RecentMatchKeys, SearchTermSummary } from './types.js';

export { listMatches } from './match-list.js';

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/**
 * The page-level dedup check: which of these URLs have no successful evaluation yet for
 * (searchTerm, cvKey)? One indexed query per results page. Failed evaluations (score 0) count
 * as new so they are retried. Returns the new URLs in input order.
 */
export async function findNewPostings(
  driver: SqlDriver,
  urls: readonly string[],
  searchTerm: string,
  cvKey: string,
): Promise<string[]> {
  const unique = [...new Set(urls)];
  if (unique.length === 0) return [];
  const known = await driver.query<{ job_url: string }>(newPostingsSql(unique.length), [...unique, searchTerm, cvKey]);
  const seen = new Set(known.map((row) => row.job_url));
  return unique.filter((url) => !seen.has(url));
}

/** The dedup lookup for `count` URLs: which of them hold a successful evaluation for the search term and CV. */
export function newPostingsSql(count: number): string {
  return `SELECT job_url FROM job_matches WHERE job_url IN (${placeholders(count)}) AND search_term = ? AND cv_key = ? AND overall_match >= 1`;
}

/**
 * Successful evaluations of these URLs for the same CV under any other search term: the
 * pipeline copies them instead of asking the LLM again. The newest evaluation per URL wins.
 */
export async function findReusableEvaluations(
  driver: SqlDriver,
  urls: readonly string[],
  cvKey: string,
): Promise<Map<string, MatchDetail>> {
  const unique = [...new Set(urls)];
  const result = new Map<string, MatchDetail>();
  if (unique.length === 0) return result;
  const rows = await driver.query<MatchRow>(
    `SELECT ${MATCH_LIST_COLUMNS}, scraped_data FROM job_matches WHERE job_url IN (${placeholders(unique.length)}) AND cv_key = ? AND overall_match >= 1 ORDER BY id DESC`,
    [...unique, cvKey],
  );
  for (const row of rows) if (!result.has(row.job_url)) result.set(row.job_url, toMatchDetail(row));
  return result;
}

export async function getMatch(driver: SqlDriver, id: number): Promise<MatchDetail | null> {
  const rows = await driver.query<MatchRow>(
    `SELECT ${MATCH_LIST_COLUMNS}, scraped_data FROM job_matches WHERE id = ?`,
    [id],
  );
  return rows[0] ? toMatchDetail(rows[0]) : null;
}

/** Every evaluation of one posting (all search terms and CVs), newest first. */
export async function getMatchesByUrl(driver: SqlDriver, url: string): Promise<MatchDetail[]> {
  const rows = await driver.query<MatchRow>(
    `SELECT ${MATCH_LIST_COLUMNS}, scraped_data FROM job_matches WHERE job_url = ? ORDER BY id DESC`,
    [url],
  );
  return rows.map(toMatchDetail);
}

export async function listSearchTerms(driver: SqlDriver): Promise<SearchTermSummary[]> {
  const rows = await driver.query<{
    search_term: string;
    matches: number;
    cv_keys: number;
    last_matched_at: string | null;
  }>(
    `SELECT search_term, COUNT(*) AS matches, COUNT(DISTINCT cv_key) AS cv_keys, MAX(matched_at) AS last_matched_at FROM job_matches WHERE overall_match >= 1 GROUP BY search_term ORDER BY search_term`,
  );
  return rows.map((row) => ({
    searchTerm: row.search_term,
    matches: Number(row.matches),
    cvKeys: Number(row.cv_keys),
    lastMatchedAt: row.last_matched_at == null ? null : String(row.last_matched_at),
  }));
}

/**
 * The newest stored match's search term and CV, with up to `limit` URLs of that pair's newest
 * rows; null on an empty table. Gives a latency probe real keys to look up.
 */
export async function recentMatchKeys(driver: SqlDriver, limit: number): Promise<RecentMatchKeys | null> {
  const [latest] = await driver.query<{ search_term: string; cv_key: string }>(
    'SELECT search_term, cv_key FROM job_matches ORDER BY id DESC LIMIT 1',
  );
  if (!latest) return null;
  const rows = await driver.query<{ job_url: string }>(
    'SELECT job_url FROM job_matches WHERE search_term = ? AND cv_key = ? ORDER BY id DESC LIMIT ?',
    [latest.search_term, latest.cv_key, Math.max(0, Math.floor(limit))],
  );
  return { searchTerm: latest.search_term, cvKey: latest.cv_key, jobUrls: rows.map((row) => row.job_url) };
}
