import type { SqlDriver, SqlValue } from '../db/sql-driver.js';
import { SqliteDriver } from '../db/sqlite-driver.js';
import { nowIso } from '../time.js';
import type { EventInput, LlmUsageInput, ScrapePageInput } from './types.js';

/** One `scrape_history` row per results page, in the legacy columns plus the run it belongs to. */
export async function recordScrapePage(driver: SqlDriver, page: ScrapePageInput): Promise<void> {
  await driver.execute(
    `INSERT INTO scrape_history (search_term, page_number, jobs_found, new_jobs, duplicate_jobs, scraped_at, duration_seconds, run_id, cv_key, page_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      page.searchTerm,
      page.pageNumber,
      page.jobsFound,
      page.newJobs,
      page.duplicateJobs,
      nowIso(),
      page.durationSeconds,
      page.runId ?? null,
      page.cvKey ?? null,
      page.pageStatus ?? null,
    ],
  );
}

export async function recordLlmUsage(driver: SqlDriver, usage: LlmUsageInput): Promise<void> {
  await driver.execute(
    `INSERT INTO llm_usage (run_id, purpose, job_url, cv_key, model, prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, cost_usd, latency_ms, outcome, attempts, error, service_tier, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      usage.runId ?? null,
      usage.purpose,
      usage.jobUrl ?? null,
      usage.cvKey ?? null,
      usage.model,
      usage.promptTokens,
      usage.completionTokens,
      usage.cachedTokens ?? 0,
      usage.reasoningTokens ?? 0,
      usage.costUsd,
      Math.round(usage.latencyMs),
      usage.outcome,
      usage.attempts ?? 1,
      usage.error ?? null,
      usage.serviceTier ?? null,
      nowIso(),
    ],
  );
}

const INSERT_EVENT = `INSERT INTO app_events (kind, severity, component, message, details, run_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`;

function eventParams(event: EventInput): SqlValue[] {
  return [
    event.kind,
    event.severity,
    event.component,
    event.message,
    event.details ? JSON.stringify(event.details) : null,
    event.runId ?? null,
    nowIso(),
  ];
}

/** Errors and notable events from any process, counted by the monitoring agent. */
export async function recordEvent(driver: SqlDriver, event: EventInput): Promise<void> {
  await driver.execute(INSERT_EVENT, eventParams(event));
}

/**
 * Like `recordEvent`, but waiting at most `waitMs` for a lock instead of the connection's busy or
 * lock timeout: recording a failure must not stall a process whose database is locked (on SQLite
 * a wait blocks the whole event loop). Fails with DB_LOCKED when the lock outlasts the wait.
 */
export async function recordEventPromptly(driver: SqlDriver, event: EventInput, waitMs: number): Promise<void> {
  const wait = Math.max(0, Math.round(waitMs));
  if (driver instanceof SqliteDriver) {
    await driver.executeWithBusyTimeout(wait, INSERT_EVENT, eventParams(event));
    return;
  }
  await driver.transaction(async (tx) => {
    // SET takes no parameters; `wait` is a whole number computed above.
    await tx.execute(`SET LOCAL lock_timeout = ${wait}`);
    await tx.execute(INSERT_EVENT, eventParams(event));
  });
}
