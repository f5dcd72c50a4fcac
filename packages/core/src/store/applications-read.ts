import { APPLICATION_STATUSES, type ApplicationStatus } from '../applications.js';
import type { SqlDriver, SqlValue } from '../db/sql-driver.js';
import { JobSearchError } from '../errors.js';
import { parseLegacyTimestamp } from '../time.js';
import { type ApplicationRow, currentState, readStatus } from './application-state.js';
import type {
  ApplicationBoard,
  ApplicationBoardFilter,
  ApplicationCard,
  ApplicationHistoryEntry,
  ApplicationRecord,
  PostingKey,
} from './application-types.js';

export const DEFAULT_MATCHED_LIMIT = 50;
export const MAX_MATCHED_LIMIT = 500;
/** History entries returned with a posting's application, newest first. */
const HISTORY_LIMIT = 200;

/** Each evaluation of a posting with its `applications` row, if any. */
export const POSTING_ROWS_SQL = `SELECT m.id AS match_id, a.id AS app_id, a.status, a.notes, a.created_at, a.updated_at
  FROM job_matches m LEFT JOIN applications a ON a.job_match_id = m.id
  WHERE m.job_url = ? AND m.cv_key = ?`;

export interface PostingRow extends ApplicationRow {
  match_id: number | string;
}

interface HistoryRow {
  id: number | string;
  from_status: string;
  to_status: string;
  notes_changed: boolean | number;
  notes: string | null;
  changed_at: string;
}

/** A posting's status, notes, timestamps and history; null when no evaluation has this URL and CV. */
export async function getApplication(driver: SqlDriver, key: PostingKey): Promise<ApplicationRecord | null> {
  const rows = await driver.query<PostingRow>(POSTING_ROWS_SQL, [key.jobUrl, key.cvKey]);
  if (rows.length === 0) return null;
  return {
    jobUrl: key.jobUrl,
    cvKey: key.cvKey,
    ...currentState(rows),
    history: await applicationHistory(driver, key),
  };
}

async function applicationHistory(driver: SqlDriver, key: PostingKey): Promise<ApplicationHistoryEntry[]> {
  const rows = await driver.query<HistoryRow>(
    `SELECT id, from_status, to_status, notes_changed, notes, changed_at FROM application_status_history
     WHERE job_url = ? AND cv_key = ? ORDER BY id DESC LIMIT ?`,
    [key.jobUrl, key.cvKey, HISTORY_LIMIT],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    fromStatus: readStatus(row.from_status),
    toStatus: readStatus(row.to_status),
    // SQLite stores booleans as 0/1.
    notesChanged: row.notes_changed === true || Number(row.notes_changed) === 1,
    notes: row.notes ?? null,
    changedAt: String(row.changed_at),
  }));
}

interface CardRow extends ApplicationRow {
  id: number | string;
  job_url: string;
  cv_key: string;
  search_term: string;
  job_title: string | null;
  company_name: string | null;
  location: string | null;
  overall_match: number | string;
}

const CARD_COLUMNS =
  'm.id, m.job_url, m.cv_key, m.search_term, m.job_title, m.company_name, m.location, m.overall_match';

/**
 * The tracker's board: a column per status. Every posting with an `applications` row is read
 * (people track tens or hundreds, never the whole table); MATCHED holds the rest, best-scored
 * first and limited, since a large database has a hundred thousand of them.
 */
export async function listApplicationBoard(
  driver: SqlDriver,
  filter: ApplicationBoardFilter = {},
): Promise<ApplicationBoard> {
  const matchedLimit = filter.matchedLimit ?? DEFAULT_MATCHED_LIMIT;
  if (!Number.isInteger(matchedLimit) || matchedLimit < 0 || matchedLimit > MAX_MATCHED_LIMIT) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `matchedLimit must be a whole number from 0 to ${MAX_MATCHED_LIMIT}, got ${matchedLimit}`,
    );
  }
  const cvKey = filter.cvKey ?? null;
  const cvWhere = cvKey === null ? '' : ' AND m2.cv_key = ?';
  const cvParams: SqlValue[] = cvKey === null ? [] : [cvKey];

  // Driven from applications (small) to every evaluation of the postings it tracks.
  const trackedRows = await driver.query<CardRow>(
    `WITH tracked AS (
       SELECT DISTINCT m2.job_url, m2.cv_key FROM applications a2 JOIN job_matches m2 ON m2.id = a2.job_match_id
       WHERE 1 = 1${cvWhere}
     )
     SELECT ${CARD_COLUMNS}, a.id AS app_id, a.status, a.notes, a.created_at, a.updated_at
     FROM tracked t JOIN job_matches m ON m.job_url = t.job_url AND m.cv_key = t.cv_key
     LEFT JOIN applications a ON a.job_match_id = m.id`,
    cvParams,
  );
  const tracked = cardsOf(trackedRows);
  const rankedByStatus = new Map<ApplicationStatus, Ranked[]>(APPLICATION_STATUSES.map((s) => [s, []]));
  for (const ranked of tracked.values()) rankedByStatus.get(ranked.card.status)!.push(ranked);
  const byStatus = new Map<ApplicationStatus, ApplicationCard[]>(
    [...rankedByStatus].map(([status, ranked]) => [status, ranked.sort(byRecentChange).map((r) => r.card)]),
  );

  const matched = await matchedColumn(driver, cvKey, matchedLimit, tracked);
  return {
    cvKey,
    matchedLimit,
    columns: APPLICATION_STATUSES.map((status) =>
      status === 'MATCHED'
        ? { status, total: matched.total, cards: matched.cards }
        : { status, total: byStatus.get(status)!.length, cards: byStatus.get(status)! },
    ),
  };
}

/**
 * Newest change first; the text is ISO or legacy, so compare parsed times. Two changes in the same
 * millisecond: the posting whose applications rows were written last (highest row id) first.
 */
function byRecentChange(a: Ranked, b: Ranked): number {
  const ms = (ranked: Ranked) => parseLegacyTimestamp(ranked.card.updatedAt)?.getTime() ?? 0;
  return ms(b) - ms(a) || b.newestApplicationId - a.newestApplicationId;
}

/** A card with its posting's newest evaluation id (the MATCHED column's tie-break, as in its SQL) and newest applications row id. */
interface Ranked {
  card: ApplicationCard;
  newestId: number;
  newestApplicationId: number;
}

/** Best score first, then the newest evaluation: the order of the MATCHED column. */
function byScore(a: Ranked, b: Ranked): number {
  return (b.card.bestScore ?? 0) - (a.card.bestScore ?? 0) || b.newestId - a.newestId;
}

const keyOf = (jobUrl: string, cvKey: string) => `${cvKey}\u0000${jobUrl}`;

/** Groups evaluations into cards (one per URL and CV); the application rows among them decide the status. */
function cardsOf(rows: readonly CardRow[]): Map<string, Ranked> {
  const groups = new Map<string, CardRow[]>();
  for (const row of rows) {
    const key = keyOf(row.job_url, row.cv_key);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const cards = new Map<string, Ranked>();
  for (const [key, group] of groups) {
    // The representative evaluation: best score, then the lowest id (the first search term found it).
    const best = group.reduce((a, b) =>
      Number(b.overall_match) > Number(a.overall_match) ||
      (Number(b.overall_match) === Number(a.overall_match) && Number(b.id) < Number(a.id))
        ? b
        : a,
    );
    const state = currentState(group);
    const score = Number(best.overall_match);
    const card: ApplicationCard = {
      jobUrl: best.job_url,
      cvKey: best.cv_key,
      matchId: Number(best.id),
      title: best.job_title,
      company: best.company_name,
      location: best.location,
      bestScore: score >= 1 ? score : null,
      searchTerms: [...new Set(group.map((row) => row.search_term))].sort(),
      status: state.status,
      notes: state.notes,
      updatedAt: state.updatedAt,
    };
    cards.set(key, {
      card,
      newestId: Math.max(...group.map((row) => Number(row.id))),
      newestApplicationId: Math.max(0, ...group.map((row) => Number(row.app_id ?? 0))),
    });
  }
  return cards;
}

interface GroupRow {
  job_url: string;
  cv_key: string;
}

/**
 * MATCHED: postings with a successful evaluation and no tracked status, plus tracked postings
 * whose newest row says MATCHED. The top `limit + tracked` groups by score are read and the
 * tracked ones dropped, which leaves exactly the top `limit` untracked postings without a
 * NOT EXISTS probe per row.
 */
async function matchedColumn(
  driver: SqlDriver,
  cvKey: string | null,
  limit: number,
  tracked: Map<string, Ranked>,
): Promise<{ total: number; cards: ApplicationCard[] }> {
  // SQLite: `+cv_key` keeps the planner on idx_job_matches_url_cv, which yields the groups in
  // order; through idx_cv_key it would sort every row of the CV first (117 ms against 30 ms at
  // 100k rows). The window count is taken before LIMIT: every group, in the same pass.
  const cvColumn = driver.provider === 'sqlite' ? '+cv_key' : 'cv_key';
  const where = `WHERE overall_match >= 1${cvKey === null ? '' : ` AND ${cvColumn} = ?`}`;
  const params: SqlValue[] = cvKey === null ? [] : [cvKey];
  const top = await driver.query<GroupRow & { groups: number | string | bigint }>(
    `SELECT job_url, cv_key, COUNT(*) OVER () AS groups FROM job_matches ${where} GROUP BY job_url, cv_key
     ORDER BY MAX(overall_match) DESC, MAX(id) DESC LIMIT ?`,
    [...params, Math.max(1, limit + tracked.size)],
  );
  const scored = [...tracked.values()].filter(({ card }) => card.bestScore !== null).length;
  const trackedMatched = [...tracked.values()].filter(({ card }) => card.status === 'MATCHED');
  const total = Number(top[0]?.groups ?? 0) - scored + trackedMatched.length;
  if (limit === 0) return { total, cards: [] };

  const wanted = top.filter((row) => !tracked.has(keyOf(row.job_url, row.cv_key))).slice(0, limit);
  const untracked = await cardsFor(driver, wanted);
  const cards = [...untracked, ...trackedMatched].sort(byScore).slice(0, limit);
  return { total, cards: cards.map((ranked) => ranked.card) };
}

/** The cards of untracked postings: every evaluation of each, read by URL (the indexed column). */
async function cardsFor(driver: SqlDriver, keys: readonly GroupRow[]): Promise<Ranked[]> {
  if (keys.length === 0) return [];
  const urls = [...new Set(keys.map((key) => key.job_url))];
  const rows = await driver.query<CardRow>(
    `SELECT ${CARD_COLUMNS}, NULL AS app_id, NULL AS status, NULL AS notes, NULL AS created_at, NULL AS updated_at
     FROM job_matches m WHERE m.job_url IN (${urls.map(() => '?').join(', ')})`,
    urls,
  );
  const wanted = new Set(keys.map((key) => keyOf(key.job_url, key.cv_key)));
  const cards = cardsOf(rows.filter((row) => wanted.has(keyOf(row.job_url, row.cv_key))));
  return [...cards.values()];
}
