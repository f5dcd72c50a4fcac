import type { SqlDriver, SqlValue } from '../db/sql-driver.js';
import { JobSearchError } from '../errors.js';
import { MATCH_LIST_COLUMNS, type MatchRow, toMatchDetail, toMatchRecord } from './match-columns.js';
import type { MatchDetail, MatchFilter, MatchPage, MatchSort, RecentMatchKeys, SearchTermSummary } from './types.js';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

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

interface SortSpec {
  column: 'overall_match' | 'matched_at' | 'company_name' | 'title';
  expression: string;
  direction: 'ASC' | 'DESC';
}

const SORTS: Record<MatchSort, SortSpec> = {
  score_desc: { column: 'overall_match', expression: 'overall_match', direction: 'DESC' },
  score_asc: { column: 'overall_match', expression: 'overall_match', direction: 'ASC' },
  date_desc: { column: 'matched_at', expression: 'matched_at', direction: 'DESC' },
  date_asc: { column: 'matched_at', expression: 'matched_at', direction: 'ASC' },
  company_asc: { column: 'company_name', expression: 'company_name', direction: 'ASC' },
  title_asc: { column: 'title', expression: 'job_title', direction: 'ASC' },
};

type CursorValue = string | number | null;

export function encodeCursor(value: CursorValue, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [CursorValue, number] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      Number.isInteger(parsed[1]) &&
      (parsed[0] === null || ['string', 'number'].includes(typeof parsed[0]))
    ) {
      return [parsed[0] as CursorValue, parsed[1] as number];
    }
  } catch {
    // fall through to the error below
  }
  throw new JobSearchError(
    'INVALID_INPUT',
    'The cursor is not valid: pass back the nextCursor of a previous page unchanged.',
  );
}

/**
 * Keyset pagination: the cursor holds the last row's sort value and id, so pages stay stable
 * while rows are inserted. NULL sort values (a company-less posting) always come last.
 */
function keysetCondition(spec: SortSpec, value: CursorValue, id: number, params: SqlValue[]): string {
  const col = spec.expression;
  const cmp = spec.direction === 'DESC' ? '<' : '>';
  if (value === null) {
    params.push(id);
    return `(${col} IS NULL AND id ${cmp} ?)`;
  }
  params.push(value, value, id);
  return `(${col} ${cmp} ? OR (${col} = ? AND id ${cmp} ?) OR ${col} IS NULL)`;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listMatches(driver: SqlDriver, filter: MatchFilter = {}): Promise<MatchPage> {
  const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new JobSearchError('INVALID_INPUT', `limit must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${limit}.`);
  }
  const spec = SORTS[filter.sort ?? 'score_desc'];
  if (!spec)
    throw new JobSearchError(
      'INVALID_INPUT',
      `Unknown sort "${filter.sort}": use one of ${Object.keys(SORTS).join(', ')}.`,
    );
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.searchTerm !== undefined) {
    where.push('search_term = ?');
    params.push(filter.searchTerm);
  }
  if (filter.cvKey !== undefined) {
    where.push('cv_key = ?');
    params.push(filter.cvKey);
  }
  // For the other sorts the score is only a filter: `+score` keeps SQLite's planner on the index
  // that delivers rows in sort order instead of sorting every row of the score range.
  const score = spec.column === 'overall_match' ? 'overall_match' : '+overall_match';
  const status = filter.status ?? 'evaluated';
  // Failed evaluations are stored with score 0, so the status filter is a score range.
  const minScore = Math.max(filter.minScore ?? 0, status === 'evaluated' ? 1 : 0);
  if (status === 'failed') where.push(`${score} < 1`);
  if (minScore > 0) {
    where.push(`${score} >= ?`);
    params.push(minScore);
  }
  if (filter.maxScore !== undefined) {
    where.push(`${score} <= ?`);
    params.push(filter.maxScore);
  }
  const like = driver.provider === 'postgresql' ? 'ILIKE' : 'LIKE';
  if (filter.q) {
    where.push(
      `(job_title ${like} ? ESCAPE '\\' OR company_name ${like} ? ESCAPE '\\' OR location ${like} ? ESCAPE '\\')`,
    );
    const pattern = likePattern(filter.q);
    params.push(pattern, pattern, pattern);
  }
  if (filter.location) {
    where.push(`location ${like} ? ESCAPE '\\'`);
    params.push(likePattern(filter.location));
  }
  // Matched day: the first 10 characters are the date in every stored timestamp format.
  if (filter.dateFrom) {
    where.push('matched_at >= ?');
    params.push(filter.dateFrom);
  }
  if (filter.dateTo) {
    where.push('matched_at < ?');
    params.push(nextDay(filter.dateTo));
  }
  if (filter.cursor) {
    const [value, id] = decodeCursor(filter.cursor);
    where.push(keysetCondition(spec, value, id, params));
  }
  // Scores are never NULL; other sort columns may be, and go last on both providers.
  const order =
    spec.column === 'overall_match'
      ? `overall_match ${spec.direction}, id ${spec.direction}`
      : `${spec.expression} ${spec.direction} NULLS LAST, id ${spec.direction}`;
  params.push(limit + 1);
  const rows = await driver.query<MatchRow>(
    `SELECT ${MATCH_LIST_COLUMNS} FROM job_matches ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`,
    params,
  );
  const items = rows.slice(0, limit).map(toMatchRecord);
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  const nextCursor = last ? encodeCursor(cursorValue(spec, last), Number(last.id)) : null;
  return { items, nextCursor };
}

function cursorValue(spec: SortSpec, row: MatchRow): CursorValue {
  switch (spec.column) {
    case 'overall_match':
      return row.overall_match;
    case 'matched_at':
      return row.matched_at == null ? null : String(row.matched_at);
    case 'company_name':
      return row.company_name;
    case 'title':
      return row.job_title;
  }
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()))
    throw new JobSearchError('INVALID_INPUT', `"${day}" is not a date: use YYYY-MM-DD.`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
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
