import { CLOSED_APPLICATION_STATUSES, isApplicationStatus } from '../applications.js';
import type { SqlDriver, SqlValue } from '../db/sql-driver.js';
import { JobSearchError } from '../errors.js';
import { decodeListCursor, encodeListCursor, type CursorValue } from './match-list-cursor.js';
import { applicationStatusSql, pageGroupDetails } from './match-list-groups.js';
import { MATCH_LIST_COLUMNS, type MatchRow, toMatchRecord } from './match-columns.js';
import type { MatchFilter, MatchListRow, MatchPage, MatchSort } from './types.js';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

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

const LIST_COLUMNS = MATCH_LIST_COLUMNS.split(', ')
  .map((column) => `m.${column}`)
  .join(', ');

/**
 * Keyset pagination: the cursor holds the last row's sort value and id, so pages stay stable
 * while rows are inserted. NULL sort values (a company-less posting) always come last.
 */
function keysetCondition(spec: SortSpec, value: CursorValue, id: number, params: SqlValue[]): string {
  const col = `m.${spec.expression}`;
  const cmp = spec.direction === 'DESC' ? '<' : '>';
  if (value === null) {
    params.push(id);
    return `(${col} IS NULL AND m.id ${cmp} ?)`;
  }
  params.push(value, value, id);
  return `(${col} ${cmp} ? OR (${col} = ? AND m.id ${cmp} ?) OR ${col} IS NULL)`;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The evaluation-level filters for the table alias `t`, in the order their parameters are pushed.
 * `score` is how the score column is written: `+t.overall_match` keeps SQLite's planner off the
 * score indexes where the score is only a filter.
 */
function evaluationConditions(
  driver: SqlDriver,
  t: string,
  score: string,
  filter: MatchFilter,
  params: SqlValue[],
): string[] {
  const where: string[] = [];
  if (filter.searchTerm !== undefined) {
    where.push(`${t}.search_term = ?`);
    params.push(filter.searchTerm);
  }
  if (filter.cvKey !== undefined) {
    where.push(`${t}.cv_key = ?`);
    params.push(filter.cvKey);
  }
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
      `(${t}.job_title ${like} ? ESCAPE '\\' OR ${t}.company_name ${like} ? ESCAPE '\\' OR ${t}.location ${like} ? ESCAPE '\\')`,
    );
    const pattern = likePattern(filter.q);
    params.push(pattern, pattern, pattern);
  }
  if (filter.location) {
    where.push(`${t}.location ${like} ? ESCAPE '\\'`);
    params.push(likePattern(filter.location));
  }
  // Matched day: the first 10 characters are the date in every stored timestamp format.
  if (filter.dateFrom) {
    where.push(`${t}.matched_at >= ?`);
    params.push(filter.dateFrom);
  }
  if (filter.dateTo) {
    where.push(`${t}.matched_at < ?`);
    params.push(nextDay(filter.dateTo));
  }
  return where;
}

/** The application-status conditions on the posting of `m` (one status per job_url + cv_key). */
function applicationConditions(filter: MatchFilter, params: SqlValue[]): string[] {
  const wanted = filter.applicationStatuses?.length ? [...new Set(filter.applicationStatuses)] : undefined;
  for (const status of wanted ?? []) {
    if (!isApplicationStatus(status))
      throw new JobSearchError('INVALID_INPUT', `Unknown application status "${status}".`);
  }
  const where: string[] = [];
  if (wanted && !wanted.includes('MATCHED')) {
    // Only postings with an applications row can qualify: an uncorrelated list the planner can
    // start from (a few rows) instead of testing every evaluation of the table.
    where.push(
      `m.job_url IN (SELECT s.job_url FROM applications a JOIN job_matches s ON s.id = a.job_match_id WHERE a.status IN (${wanted.map(() => '?').join(', ')}))`,
    );
    params.push(...wanted);
  }
  if (wanted) {
    where.push(`${applicationStatusSql('m')} IN (${wanted.map(() => '?').join(', ')})`);
    params.push(...wanted);
  }
  if (filter.hideClosed) {
    where.push(`${applicationStatusSql('m')} NOT IN (${CLOSED_APPLICATION_STATUSES.map(() => '?').join(', ')})`);
    params.push(...CLOSED_APPLICATION_STATUSES);
  }
  return where;
}

/**
 * One row per posting (job_url + cv_key). The filters select evaluations; a posting is listed when
 * one of its evaluations matches, represented by the best-scored matching one (ties: the lowest
 * id). The page scans evaluations in sort order through the existing indexes and keeps a row only
 * when no better evaluation of the same posting matches (an index probe on
 * idx_job_matches_url_cv), so a page costs index probes, never a GROUP BY over the table. Every
 * sort orders postings by their representative's value.
 *
 * The cursor also carries the highest evaluation id the first page saw: later pages ignore newer
 * evaluations, so a posting whose representative would change while the user pages (a better
 * evaluation stored in the meantime) is neither listed twice nor skipped.
 */
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
  const cursor = filter.cursor ? decodeListCursor(filter.cursor) : undefined;
  // The first page reads the snapshot bound in the same statement (one consistent read): the
  // highest id is looked up once, from the primary key.
  const bound = cursor ? '?' : '(SELECT MAX(id) FROM job_matches)';

  const params: SqlValue[] = [];
  const where = evaluationConditions(
    driver,
    'm',
    spec.column === 'overall_match' ? 'm.overall_match' : '+m.overall_match',
    filter,
    params,
  );
  // `+`: the snapshot bound is never selective; as a rowid range SQLite (without statistics) would
  // prefer it to the index that delivers rows in sort order, and sort the whole table.
  where.push(`+m.id <= ${bound}`);
  if (cursor) params.push(cursor.snapshot);
  if (cursor) where.push(keysetCondition(spec, cursor.value, cursor.id, params));
  where.push(...applicationConditions(filter, params));
  // Under one search term a posting (URL + CV) has at most one evaluation (the unique key is URL,
  // term, CV), so every matching evaluation represents its posting: the probe is only needed
  // across terms.
  if (filter.searchTerm === undefined) {
    const better = evaluationConditions(driver, 'b', '+b.overall_match', filter, params);
    if (cursor) params.push(cursor.snapshot);
    where.push(
      `NOT EXISTS (SELECT 1 FROM job_matches b WHERE b.job_url = m.job_url AND b.cv_key = m.cv_key${better.map((c) => ` AND ${c}`).join('')} AND +b.id <= ${bound} AND (b.overall_match > m.overall_match OR (b.overall_match = m.overall_match AND b.id < m.id)))`,
    );
  }
  // Scores are never NULL; other sort columns may be, and go last on both providers.
  const order =
    spec.column === 'overall_match'
      ? `m.overall_match ${spec.direction}, m.id ${spec.direction}`
      : `m.${spec.expression} ${spec.direction} NULLS LAST, m.id ${spec.direction}`;
  params.push(limit + 1);
  const rows = await driver.query<MatchRow & { snapshot_id?: number | string }>(
    `SELECT ${LIST_COLUMNS}${cursor ? '' : `, ${bound} AS snapshot_id`} FROM job_matches m WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`,
    params,
  );
  const pageRows = rows.slice(0, limit);
  const groups = await pageGroupDetails(driver, pageRows);
  const items = pageRows.map((row): MatchListRow => {
    const record = toMatchRecord(row);
    const group = groups.get(Number(row.id));
    return {
      ...record,
      searchTerms: group?.searchTerms ?? [record.searchTerm],
      evaluationCount: group?.evaluationCount ?? 1,
      bestScore: group?.bestScore ?? record.overallMatch,
      applicationStatus: group?.applicationStatus ?? 'MATCHED',
    };
  });
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  const snapshot = cursor ? cursor.snapshot : Number(last?.snapshot_id);
  const nextCursor = last ? encodeListCursor({ value: cursorValue(spec, last), id: Number(last.id), snapshot }) : null;
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
