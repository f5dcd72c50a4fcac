import { type ApplicationStatus, isApplicationStatus } from '../applications.js';
import type { SqlDriver } from '../db/sql-driver.js';
import type { MatchRow } from './match-columns.js';

/**
 * A posting's application status (per job_url + cv_key, for the row alias `t`): the status of the
 * most recently updated `applications` row among the evaluations of that URL and CV (ties: the
 * highest applications.id); MATCHED without one. The legacy table keys statuses by evaluation,
 * so every search term's evaluation may carry one. The one definition both the filter and the
 * listed rows use.
 */
export function applicationStatusSql(t: string): string {
  return `COALESCE((SELECT a.status FROM job_matches s JOIN applications a ON a.job_match_id = s.id WHERE s.job_url = ${t}.job_url AND s.cv_key = ${t}.cv_key ORDER BY ${LATEST_APPLICATION_FIRST} LIMIT 1), 'MATCHED')`;
}

/**
 * The order of the status rule, shared by the filter and the page's rows (NULLS LAST: PostgreSQL
 * puts NULLs first in DESC). The legacy tracker writes `YYYY-MM-DD HH:MM:SS`, this release ISO
 * `YYYY-MM-DDTHH:MM:SS.sssZ`, both UTC: with the T read as a space they sort as times, as the
 * tracker's own reads compare them (application-state.ts); as text, any ISO time sorts after a
 * legacy one of the same day.
 */
const LATEST_APPLICATION_FIRST = "REPLACE(a.updated_at, 'T', ' ') DESC NULLS LAST, a.id DESC NULLS LAST";

export interface GroupDetails {
  /** Every search term the posting was evaluated under for this CV, sorted. */
  searchTerms: string[];
  evaluationCount: number;
  /** The best score of any of the posting's evaluations for this CV; null when all failed. */
  bestScore: number | null;
  applicationStatus: ApplicationStatus;
}

function pairKey(url: string, cvKey: string): string {
  return `${url}\u0000${cvKey}`;
}

interface PageGroupRow {
  job_url: string;
  cv_key: string;
  search_term: string;
  overall_match: number;
  /** The evaluation's applications row, if any. */
  status: string | null;
  /** 1 on the evaluation whose applications row decides the posting's status (applicationStatusSql's order). */
  status_rank: number | string;
}

/**
 * The group fields of a page's rows, keyed by the representative's id, in one statement whatever
 * the page size: every evaluation of the page's postings (idx_job_matches_url_cv alone) with its
 * applications row, ranked in the status rule's order within its posting.
 */
export async function pageGroupDetails(
  driver: SqlDriver,
  rows: readonly MatchRow[],
): Promise<Map<number, GroupDetails>> {
  const result = new Map<number, GroupDetails>();
  if (rows.length === 0) return result;
  const urls = [...new Set(rows.map((row) => row.job_url))];
  const cvKeys = [...new Set(rows.map((row) => row.cv_key))];
  const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  const evaluations = await driver.query<PageGroupRow>(
    `SELECT e.job_url, e.cv_key, e.search_term, e.overall_match, a.status,
       ROW_NUMBER() OVER (PARTITION BY e.job_url, e.cv_key ORDER BY ${LATEST_APPLICATION_FIRST}) AS status_rank
     FROM job_matches e LEFT JOIN applications a ON a.job_match_id = e.id
     WHERE e.job_url IN (${list(urls.length)}) AND e.cv_key IN (${list(cvKeys.length)})`,
    [...urls, ...cvKeys],
  );
  const byPair = new Map<string, PageGroupRow[]>();
  for (const evaluation of evaluations) {
    const key = pairKey(evaluation.job_url, evaluation.cv_key);
    const list = byPair.get(key);
    if (list) list.push(evaluation);
    else byPair.set(key, [evaluation]);
  }
  for (const row of rows) {
    const group = byPair.get(pairKey(row.job_url, row.cv_key)) ?? [];
    // A failed evaluation is stored with score 0 (match-columns.ts).
    const scores = group.map((e) => Number(e.overall_match)).filter((score) => score >= 1);
    const status = group.find((e) => Number(e.status_rank) === 1)?.status;
    result.set(Number(row.id), {
      searchTerms: [...new Set(group.map((e) => e.search_term))].sort(),
      evaluationCount: group.length,
      bestScore: scores.length ? Math.max(...scores) : null,
      // A value the legacy tracker never wrote (hand-edited data) reads as no status at all.
      applicationStatus: isApplicationStatus(status) ? status : 'MATCHED',
    });
  }
  return result;
}
