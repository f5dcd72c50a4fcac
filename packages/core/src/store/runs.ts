import { inSavepoint } from '../db/savepoint.js';
import type { SqlDriver } from '../db/sql-driver.js';
import { isJobSearchError, JobSearchError } from '../errors.js';
import { nowIso } from '../time.js';
import type { CreateRunOptions, RunCounters, RunFilter, RunInput, RunRecord, RunStatus } from './types.js';

const COUNTER_COLUMNS: Record<keyof RunCounters, string> = {
  pagesScraped: 'pages_scraped',
  pagesSaved: 'pages_saved',
  postingsSeen: 'postings_seen',
  postingsNew: 'postings_new',
  postingsDuplicate: 'postings_duplicate',
  postingsReused: 'postings_reused',
  llmCalls: 'llm_calls',
  llmFailed: 'llm_failed',
  llmSaved: 'llm_saved',
  tokensIn: 'tokens_in',
  tokensOut: 'tokens_out',
  costUsd: 'cost_usd',
  costSavedUsd: 'cost_saved_usd',
  flexFallbacks: 'flex_fallbacks',
};

const RUN_COLUMNS = `id, search_term, cv_key, source, matcher, model, status, stop_reason, error, max_pages, ${Object.values(COUNTER_COLUMNS).join(', ')}, started_at, finished_at, duration_ms`;

type RunRow = Record<string, unknown>;

function toRunRecord(row: RunRow): RunRecord {
  const counters = Object.fromEntries(
    Object.entries(COUNTER_COLUMNS).map(([key, column]) => [key, Number(row[column] ?? 0)]),
  ) as Record<keyof RunCounters, number>;
  return {
    id: Number(row.id),
    searchTerm: String(row.search_term),
    cvKey: String(row.cv_key),
    source: String(row.source),
    matcher: String(row.matcher),
    model: (row.model as string | null) ?? null,
    status: row.status as RunStatus,
    stopReason: (row.stop_reason as string | null) ?? null,
    error: (row.error as string | null) ?? null,
    maxPages: Number(row.max_pages),
    ...counters,
    startedAt: String(row.started_at),
    finishedAt: (row.finished_at as string | null) ?? null,
    durationMs: row.duration_ms == null ? null : Number(row.duration_ms),
  };
}

/**
 * Claims the (search term, CV) pair and creates its run row. The partial unique index
 * search_runs_one_running admits one running row per pair, so across processes exactly one
 * concurrent claim wins; the others get CONFLICT (`details.reason` 'already_running'). A running
 * row silent since before `staleBefore` (its process died) is marked failed first, so it blocks
 * no longer than that.
 */
export async function createRun(
  driver: SqlDriver,
  input: RunInput,
  options: CreateRunOptions = {},
): Promise<RunRecord> {
  if (options.staleBefore !== undefined)
    await expireStaleRun(driver, input.searchTerm, input.cvKey, options.staleBefore);
  const now = nowIso();
  try {
    const insert = (tx: SqlDriver) =>
      tx.query<RunRow>(
        `INSERT INTO search_runs (search_term, cv_key, source, matcher, model, status, max_pages, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?) RETURNING ${RUN_COLUMNS}`,
        [input.searchTerm, input.cvKey, input.source, input.matcher, input.model, input.maxPages, now, now],
      );
    // Alone, one statement is atomic; inside a caller's transaction a savepoint keeps a unique
    // violation from aborting that transaction (PostgreSQL).
    const rows = driver.inTransaction ? await inSavepoint(driver, insert) : await insert(driver);
    return toRunRecord(rows[0]!);
  } catch (error) {
    if (!isJobSearchError(error, 'DUPLICATE_KEY')) throw error;
    throw alreadyRunning(input.searchTerm, input.cvKey, await findRunningRun(driver, input.searchTerm, input.cvKey));
  }
}

/** The run holding the (search term, CV) pair, or null when none is running. */
export async function findRunningRun(driver: SqlDriver, searchTerm: string, cvKey: string): Promise<RunRecord | null> {
  const rows = await driver.query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM search_runs WHERE search_term = ? AND cv_key = ? AND status = 'running' LIMIT 1`,
    [searchTerm, cvKey],
  );
  return rows[0] ? toRunRecord(rows[0]) : null;
}

/** Marks the pair's running run failed when its last heartbeat (or start) is before `staleBefore`. */
export async function expireStaleRun(
  driver: SqlDriver,
  searchTerm: string,
  cvKey: string,
  staleBefore: string,
): Promise<number> {
  return driver.execute(
    `UPDATE search_runs SET status = 'failed', stop_reason = 'stale', error = ?, finished_at = ? WHERE search_term = ? AND cv_key = ? AND status = 'running' AND COALESCE(heartbeat_at, started_at) < ?`,
    [
      `No sign of life since before ${staleBefore}: the process running it stopped without recording its end.`,
      nowIso(),
      searchTerm,
      cvKey,
      staleBefore,
    ],
  );
}

/** The error every refused start gets, whichever process refused it. */
export function alreadyRunning(searchTerm: string, cvKey: string, running: RunRecord | null): JobSearchError {
  const which = running ? ` (run ${running.id}, started ${running.startedAt})` : '';
  return new JobSearchError(
    'CONFLICT',
    `A search for "${searchTerm}" with CV ${cvKey} is already running${which}; wait for it to finish.`,
    { details: { reason: 'already_running', ...(running ? { runId: running.id } : {}) } },
  );
}

/** Saves the run's counters so far (progress is visible while it runs); each save is also a heartbeat. */
export async function updateRunCounters(driver: SqlDriver, id: number, counters: RunCounters): Promise<void> {
  const keys = Object.keys(COUNTER_COLUMNS) as (keyof RunCounters)[];
  await driver.execute(
    `UPDATE search_runs SET ${keys.map((k) => `${COUNTER_COLUMNS[k]} = ?`).join(', ')}, heartbeat_at = ? WHERE id = ?`,
    [...keys.map((k) => counters[k]), nowIso(), id],
  );
}

export async function finishRun(
  driver: SqlDriver,
  id: number,
  outcome: {
    status: Exclude<RunStatus, 'running'>;
    stopReason?: string | null;
    error?: string | null;
    counters: RunCounters;
  },
): Promise<RunRecord> {
  await updateRunCounters(driver, id, outcome.counters);
  const finishedAt = nowIso();
  const rows = await driver.query<RunRow>(
    `UPDATE search_runs SET status = ?, stop_reason = ?, error = ?, finished_at = ?, duration_ms = ? WHERE id = ? RETURNING ${RUN_COLUMNS}`,
    [outcome.status, outcome.stopReason ?? null, outcome.error ?? null, finishedAt, null, id],
  );
  const run = rows[0];
  if (!run) throw new JobSearchError('NOT_FOUND', `Search run ${id} does not exist.`);
  const durationMs = Math.max(0, Date.parse(finishedAt) - Date.parse(String(run.started_at)));
  await driver.execute(`UPDATE search_runs SET duration_ms = ? WHERE id = ?`, [durationMs, id]);
  return { ...toRunRecord(run), durationMs };
}

export async function getRun(driver: SqlDriver, id: number): Promise<RunRecord | null> {
  const rows = await driver.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM search_runs WHERE id = ?`, [id]);
  return rows[0] ? toRunRecord(rows[0]) : null;
}

export async function listRuns(driver: SqlDriver, filter: RunFilter = {}): Promise<RunRecord[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.searchTerm !== undefined) {
    where.push('search_term = ?');
    params.push(filter.searchTerm);
  }
  if (filter.cvKey !== undefined) {
    where.push('cv_key = ?');
    params.push(filter.cvKey);
  }
  if (filter.status !== undefined) {
    where.push('status = ?');
    params.push(filter.status);
  }
  if (filter.beforeId !== undefined) {
    where.push('id < ?');
    params.push(filter.beforeId);
  }
  params.push(Math.min(Math.max(filter.limit ?? 50, 1), 500));
  const rows = await driver.query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM search_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
    params,
  );
  return rows.map(toRunRecord);
}

/** After a crash or shutdown: runs left 'running' by this process (or a dead one) end as interrupted. */
export async function markRunsInterrupted(driver: SqlDriver, ids?: readonly number[]): Promise<number> {
  const now = nowIso();
  if (ids && ids.length === 0) return 0;
  const scope = ids ? `AND id IN (${ids.map(() => '?').join(', ')})` : '';
  return driver.execute(
    `UPDATE search_runs SET status = 'interrupted', stop_reason = 'interrupted', finished_at = ? WHERE status = 'running' ${scope}`,
    [now, ...(ids ?? [])],
  );
}
