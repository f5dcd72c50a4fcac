import type { SqlDriver } from '../db/sql-driver.js';
import type {
  DailyStats,
  DedupStats,
  FinishedRunsSummary,
  MatcherDailyStats,
  MatcherStats,
  RunRange,
  TableCounts,
} from './types.js';

const SUMS = `COUNT(*) AS runs, SUM(pages_scraped) AS pages_scraped, SUM(pages_saved) AS pages_saved,
  SUM(postings_seen) AS postings_seen, SUM(postings_new) AS postings_new, SUM(postings_duplicate) AS postings_duplicate,
  SUM(postings_reused) AS postings_reused, SUM(llm_calls) AS llm_calls, SUM(llm_failed) AS llm_failed, SUM(llm_saved) AS llm_saved,
  SUM(tokens_in) AS tokens_in, SUM(tokens_out) AS tokens_out, SUM(cost_usd) AS cost_usd, SUM(cost_saved_usd) AS cost_saved_usd,
  SUM(flex_fallbacks) AS flex_fallbacks`;

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
    flexFallbacks: n('flex_fallbacks'),
  };
}

/** The runs a statistic covers: started in [from, to) (ISO text compares as time), optionally only finished ones. */
function runScope(range: RunRange, alias = ''): { clause: string; params: string[] } {
  const where: string[] = [];
  const params: string[] = [];
  if (range.from) {
    where.push(`${alias}started_at >= ?`);
    params.push(range.from);
  }
  if (range.to) {
    where.push(`${alias}started_at < ?`);
    params.push(range.to);
  }
  // A running run's counters are a partial picture.
  if (range.finishedOnly) where.push(`${alias}status <> 'running'`);
  return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** Deduplication effectiveness from the run ledger: totals and per UTC day (`started_at` is ISO). */
export async function dedupStats(driver: SqlDriver, range: RunRange = {}): Promise<DedupStats> {
  const { clause, params } = runScope(range);
  const [totals, days] = await Promise.all([
    driver.query<SumRow>(`SELECT ${SUMS} FROM search_runs ${clause}`, params),
    driver.query<SumRow>(
      `SELECT SUBSTR(started_at, 1, 10) AS day, ${SUMS} FROM search_runs ${clause} GROUP BY SUBSTR(started_at, 1, 10) ORDER BY day`,
      params,
    ),
  ]);
  return { totals: toDaily(totals[0] ?? {}), days: days.map((row) => ({ day: String(row.day), ...toDaily(row) })) };
}

const MATCHER_SUMS = `COUNT(*) AS runs, SUM(postings_new - postings_reused) AS evaluations, SUM(llm_saved) AS llm_saved`;

function toMatcherDaily(row: SumRow): Omit<MatcherDailyStats, 'day'> {
  const n = (key: string) => Number(row[key] ?? 0);
  return { runs: n('runs'), evaluations: n('evaluations'), llmSaved: n('llm_saved') };
}

/**
 * The runs of one matcher (e.g. the offline one, whose cost figures are all 0): how many
 * evaluations it made and deduplication saved, totals and per UTC day of the runs' start.
 */
export async function matcherStats(driver: SqlDriver, matcher: string, range: RunRange = {}): Promise<MatcherStats> {
  const { clause, params } = runScope(range);
  const where = `${clause ? `${clause} AND` : 'WHERE'} matcher = ?`;
  const [totals, days] = await Promise.all([
    driver.query<SumRow>(`SELECT ${MATCHER_SUMS} FROM search_runs ${where}`, [...params, matcher]),
    driver.query<SumRow>(
      `SELECT SUBSTR(started_at, 1, 10) AS day, ${MATCHER_SUMS} FROM search_runs ${where} GROUP BY SUBSTR(started_at, 1, 10) ORDER BY day`,
      [...params, matcher],
    ),
  ]);
  return {
    totals: toMatcherDaily(totals[0] ?? {}),
    days: days.map((row) => ({ day: String(row.day), ...toMatcherDaily(row) })),
  };
}

/**
 * What dedupStats' sums do not say about the finished runs of a range: the pages the legacy
 * pipeline would have fetched, the runs that repeat an earlier completed run of the same term and
 * CV (where deduplication saves LLM calls), and the newest run.
 */
export async function finishedRunsSummary(
  driver: SqlDriver,
  range: Omit<RunRange, 'finishedOnly'> = {},
): Promise<FinishedRunsSummary> {
  const { clause, params } = runScope({ ...range, finishedOnly: true }, 'r.');
  const repeat = `EXISTS (SELECT 1 FROM search_runs p WHERE p.search_term = r.search_term AND p.cv_key = r.cv_key AND p.id < r.id AND p.status = 'completed')`;
  const [sums, last] = await Promise.all([
    driver.query<SumRow>(
      `SELECT SUM(r.max_pages) AS pages_possible,
         SUM(CASE WHEN ${repeat} THEN 1 ELSE 0 END) AS repeat_runs,
         SUM(CASE WHEN ${repeat} THEN r.postings_seen ELSE 0 END) AS repeat_postings_seen,
         SUM(CASE WHEN ${repeat} THEN r.llm_calls ELSE 0 END) AS repeat_llm_calls,
         SUM(CASE WHEN ${repeat} THEN r.llm_saved ELSE 0 END) AS repeat_llm_saved
       FROM search_runs r ${clause}`,
      params,
    ),
    driver.query<SumRow>(
      `SELECT r.id, r.started_at, r.stop_reason, r.postings_seen, r.postings_duplicate FROM search_runs r ${clause} ORDER BY r.id DESC LIMIT 1`,
      params,
    ),
  ]);
  const n = (row: SumRow | undefined, key: string) => Number(row?.[key] ?? 0);
  const row = sums[0];
  const newest = last[0];
  return {
    pagesPossible: n(row, 'pages_possible'),
    repeatRuns: {
      runs: n(row, 'repeat_runs'),
      postingsSeen: n(row, 'repeat_postings_seen'),
      llmCalls: n(row, 'repeat_llm_calls'),
      llmSaved: n(row, 'repeat_llm_saved'),
    },
    lastRun: newest
      ? {
          id: n(newest, 'id'),
          startedAt: String(newest.started_at),
          stopReason: (newest.stop_reason as string | null) ?? null,
          postingsSeen: n(newest, 'postings_seen'),
          postingsDuplicate: n(newest, 'postings_duplicate'),
        }
      : null,
  };
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
