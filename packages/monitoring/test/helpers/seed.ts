import type { Store } from '@jobsearchai/core/store';
import { testSql } from '@jobsearchai/core/testing';

/** The fixed "now" of collector tests; seeded rows are placed relative to it. */
export const NOW = new Date('2026-03-10T12:00:00.000Z');

export function hoursAgo(hours: number, now = NOW): string {
  return new Date(now.getTime() - hours * 3_600_000).toISOString();
}

export interface SeedRun {
  searchTerm?: string;
  cvKey?: string;
  status?: 'running' | 'completed' | 'failed' | 'interrupted' | 'cancelled';
  stopReason?: string | null;
  startedAt: string;
  maxPages?: number;
  pagesScraped?: number;
  pagesSaved?: number;
  postingsSeen?: number;
  postingsNew?: number;
  postingsDuplicate?: number;
  llmCalls?: number;
  llmFailed?: number;
  llmSaved?: number;
  costUsd?: number;
  costSavedUsd?: number;
}

/** Rows written with explicit timestamps (the store's own writers stamp the real time). */
export async function seedRun(store: Store, run: SeedRun): Promise<number> {
  const rows = await testSql(store).query<{ id: unknown }>(
    `INSERT INTO search_runs (search_term, cv_key, source, matcher, model, status, stop_reason, max_pages, pages_scraped, pages_saved,
       postings_seen, postings_new, postings_duplicate, llm_calls, llm_failed, llm_saved, cost_usd, cost_saved_usd, started_at, finished_at)
     VALUES (?, ?, 'demo', 'openai', 'gpt-4o-mini', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      run.searchTerm ?? 'IT',
      run.cvKey ?? '0123456789abcdef',
      run.status ?? 'completed',
      run.stopReason ?? null,
      run.maxPages ?? 10,
      run.pagesScraped ?? 0,
      run.pagesSaved ?? 0,
      run.postingsSeen ?? 0,
      run.postingsNew ?? 0,
      run.postingsDuplicate ?? 0,
      run.llmCalls ?? 0,
      run.llmFailed ?? 0,
      run.llmSaved ?? 0,
      run.costUsd ?? 0,
      run.costSavedUsd ?? 0,
      run.startedAt,
      run.status === 'running' ? null : run.startedAt,
    ],
  );
  return Number(rows[0]!.id);
}

export async function seedLlmCall(
  store: Store,
  call: { createdAt: string; outcome?: string; costUsd?: number },
): Promise<void> {
  await testSql(store).execute(
    `INSERT INTO llm_usage (purpose, model, prompt_tokens, completion_tokens, cost_usd, latency_ms, outcome, created_at) VALUES ('match', 'gpt-4o-mini', 100, 20, ?, 800, ?, ?)`,
    [call.costUsd ?? 0.001, call.outcome ?? 'ok', call.createdAt],
  );
}

export async function seedEvent(
  store: Store,
  event: { kind: string; severity?: 'info' | 'warning' | 'error'; createdAt: string },
): Promise<void> {
  await testSql(store).execute(
    `INSERT INTO app_events (kind, severity, component, message, created_at) VALUES (?, ?, 'pipeline', 'seeded', ?)`,
    [event.kind, event.severity ?? 'error', event.createdAt],
  );
}

export async function seedScrapePage(store: Store, scrapedAt: string): Promise<void> {
  await testSql(store).execute(
    `INSERT INTO scrape_history (search_term, page_number, jobs_found, new_jobs, duplicate_jobs, scraped_at, duration_seconds) VALUES ('IT', 1, 10, 2, 8, ?, 0.2)`,
    [scrapedAt],
  );
}

let n = 0;
/** A stored evaluation; `runId` null marks a row imported by the migration. */
export async function seedMatch(
  store: Store,
  match: { matchedAt: string; runId: number | null; searchTerm?: string; score?: number },
): Promise<string> {
  const jobUrl = `https://www.ostjob.ch/job/seeded-${++n}/${1_000_000 + n}`;
  await store.insertMatch({
    jobUrl,
    searchTerm: match.searchTerm ?? 'IT',
    cvKey: '0123456789abcdef',
    jobTitle: `Seeded ${n}`,
    overallMatch: match.score ?? 7,
    scrapedData: { title: `Seeded ${n}` },
    matchedAt: match.matchedAt,
    runId: match.runId,
    matcher: 'openai',
    model: 'gpt-4o-mini',
  });
  return jobUrl;
}
