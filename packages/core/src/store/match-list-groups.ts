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
  return `COALESCE((SELECT a.status FROM job_matches s JOIN applications a ON a.job_match_id = s.id WHERE s.job_url = ${t}.job_url AND s.cv_key = ${t}.cv_key ORDER BY a.updated_at DESC NULLS LAST, a.id DESC LIMIT 1), 'MATCHED')`;
}

export interface GroupDetails {
  /** Every search term the posting was evaluated under for this CV, sorted. */
  searchTerms: string[];
  evaluationCount: number;
  /** The best score of any of the posting's evaluations for this CV; null when all failed. */
  bestScore: number | null;
  applicationStatus: ApplicationStatus;
}

interface EvaluationKeyRow {
  job_url: string;
  cv_key: string;
  search_term: string;
  overall_match: number;
}

function pairKey(url: string, cvKey: string): string {
  return `${url}\u0000${cvKey}`;
}

interface PageGroupRow {
  /** 'e': an evaluation of a page's posting (value: its term); 's': a row's status (value: the status). */
  kind: 'e' | 's';
  job_url: string;
  cv_key: string;
  value: string;
  /** 'e': the evaluation's score; 's': the listed row's id. */
  num: number;
}

/**
 * The group fields of a page's rows, keyed by the representative's id, in one statement whatever
 * the page size: the evaluations of the page's postings (read from idx_job_matches_url_cv alone)
 * and, for each listed row, its posting's application status.
 */
export async function pageGroupDetails(
  driver: SqlDriver,
  rows: readonly MatchRow[],
): Promise<Map<number, GroupDetails>> {
  const result = new Map<number, GroupDetails>();
  if (rows.length === 0) return result;
  const urls = [...new Set(rows.map((row) => row.job_url))];
  const cvKeys = [...new Set(rows.map((row) => row.cv_key))];
  const ids = rows.map((row) => Number(row.id));
  const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  const found = await driver.query<PageGroupRow>(
    `SELECT 'e' AS kind, job_url, cv_key, search_term AS value, overall_match AS num FROM job_matches WHERE job_url IN (${list(urls.length)}) AND cv_key IN (${list(cvKeys.length)})
     UNION ALL
     SELECT 's', m.job_url, m.cv_key, ${applicationStatusSql('m')}, m.id FROM job_matches m WHERE m.id IN (${list(ids.length)})`,
    [...urls, ...cvKeys, ...ids],
  );
  const evaluations = found
    .filter((row) => row.kind === 'e')
    .map((row) => ({ job_url: row.job_url, cv_key: row.cv_key, search_term: row.value, overall_match: row.num }));
  const statusById = new Map(found.filter((row) => row.kind === 's').map((row) => [Number(row.num), row.value]));
  const byPair = new Map<string, EvaluationKeyRow[]>();
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
    const status = statusById.get(Number(row.id));
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
