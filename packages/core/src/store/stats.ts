import type { SqlDriver } from '../db/sql-driver.js';
import type { DailyStats, DedupStats, TableCounts } from './types.js';

const SUMS = `COUNT(*) AS runs, SUM(pages_scraped) AS pages_scraped, SUM(pages_saved) AS pages_saved,
  SUM(postings_seen) AS postings_seen, SUM(postings_new) AS postings_new, SUM(postings_duplicate) AS postings_duplicate,
  SUM(postings_reused) AS postings_reused, SUM(llm_calls) AS llm_calls, SUM(llm_failed) AS llm_failed, SUM(llm_saved) AS llm_saved,
  SUM(tokens_in) AS tokens_in, SUM(tokens_out) AS tokens_out, SUM(cost_usd) AS cost_usd, SUM(cost_saved_usd) AS cost_saved_usd`;

type SumRow = Record<string, unknown>;

function toDaily(row: SumRow): Omit<DailyStats, 'day'> {
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    runs: n('runs'),
    pagesScraped: n('pages_scraped'),
    pagesSaved: n('pages_saved'),
    postingsSeen: n('postings_seen'),
    postingsNew: n('postings_new'),
    postingsDuplicate: n('postings_duplicate'),
    postingsReused: n('postings_reused'),
    llmCalls: n('llm_calls'),
    llmFailed: n('llm_failed'),
    llmSaved: n('llm_saved'),
    tokensIn: n('tokens_in'),
    tokensOut: n('tokens_out'),
    costUsd: n('cost_usd'),
    costSavedUsd: n('cost_saved_usd'),
  };
}

/** Deduplication effectiveness from the run ledger: totals and per UTC day (`started_at` is ISO). */
export async function dedupStats(driver: SqlDriver, range: { from?: string; to?: string } = {}): Promise<DedupStats> {
  const where: string[] = [];
  const params: string[] = [];
  if (range.from) {
    where.push('started_at >= ?');
    params.push(range.from);
  }
  if (range.to) {
    where.push('started_at < ?');
    params.push(range.to);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [totals, days] = await Promise.all([
    driver.query<SumRow>(`SELECT ${SUMS} FROM search_runs ${clause}`, params),
    driver.query<SumRow>(`SELECT SUBSTR(started_at, 1, 10) AS day, ${SUMS} FROM search_runs ${clause} GROUP BY SUBSTR(started_at, 1, 10) ORDER BY day`, params),
  ]);
  return { totals: toDaily(totals[0] ?? {}), days: days.map((row) => ({ day: String(row.day), ...toDaily(row) })) };
}

export async function tableCounts(driver: SqlDriver): Promise<TableCounts> {
  const rows = await driver.query<Record<string, number>>(
    `SELECT
      (SELECT COUNT(*) FROM job_matches) AS job_matches,
      (SELECT COUNT(*) FROM job_matches WHERE overall_match < 1) AS failed,
      (SELECT COUNT(*) FROM cv_versions) AS cv_versions,
      (SELECT COUNT(*) FROM scrape_history) AS scrape_history,
      (SELECT COUNT(*) FROM applications) AS applications,
      (SELECT COUNT(*) FROM job_postings) AS job_postings,
      (SELECT COUNT(*) FROM search_runs) AS search_runs,
      (SELECT COUNT(*) FROM llm_usage) AS llm_usage,
      (SELECT COUNT(*) FROM legacy_imports) AS legacy_imports,
      (SELECT COUNT(*) FROM app_events) AS app_events`,
  );
  const row = rows[0] ?? {};
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    jobMatches: n('job_matches'),
    failedEvaluations: n('failed'),
    cvVersions: n('cv_versions'),
    scrapeHistory: n('scrape_history'),
    applications: n('applications'),
    jobPostings: n('job_postings'),
    searchRuns: n('search_runs'),
    llmUsage: n('llm_usage'),
    legacyImports: n('legacy_imports'),
    appEvents: n('app_events'),
  };
}
