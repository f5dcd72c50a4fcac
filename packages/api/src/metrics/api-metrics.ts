import { errorMessage, type Logger, type RunRecord, type Store } from '@jobsearchai/core';
import { Counter, Gauge, Histogram, Registry } from './prometheus-text.js';

/** What the API records and exposes at GET /metrics. */
export interface ApiMetrics {
  readonly contentType: string;
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  runStarted(run: RunRecord): void;
  runFinished(run: RunRecord): void;
  render(): Promise<string>;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Request and run metrics of this process, plus the deduplication ledger read from the database
 * at scrape time, so the totals include runs of every process (cron searches, other instances).
 */
export function createApiMetrics(store: Store, logger: Logger): ApiMetrics {
  const registry = new Registry();
  const requests = registry.register(new Counter('jobsearch_http_requests_total', 'HTTP requests answered, by method, route and status.'));
  const latency = registry.register(new Histogram('jobsearch_http_request_duration_seconds', 'HTTP request duration by method and route.', LATENCY_BUCKETS));
  const runsStarted = registry.register(new Counter('jobsearch_search_runs_started_total', 'Search runs started by this process.'));
  const runsFinished = registry.register(new Counter('jobsearch_search_runs_finished_total', 'Search runs of this process that ended, by status.'));
  const runsActive = registry.register(new Gauge('jobsearch_search_runs_active', 'Search runs running in this process.'));
  const databaseUp = registry.register(new Gauge('jobsearch_database_up', '1 when the last metrics scrape could read the database.'));
  const scrapeSeconds = registry.register(new Gauge('jobsearch_metrics_database_scrape_seconds', 'Time the database part of this scrape took.'));
  const ledger = {
    runs: registry.register(new Gauge('jobsearch_runs_recorded_total', 'Search runs recorded in the database (every process).', 'counter')),
    pagesScraped: registry.register(new Gauge('jobsearch_pages_scraped_total', 'Results pages scraped (all runs).', 'counter')),
    pagesSaved: registry.register(new Gauge('jobsearch_pages_saved_total', 'Results pages not scraped thanks to early exit (all runs).', 'counter')),
    postingsSeen: registry.register(new Gauge('jobsearch_postings_seen_total', 'Postings seen on results pages (all runs).', 'counter')),
    postingsNew: registry.register(new Gauge('jobsearch_postings_new_total', 'Postings new for their (search term, CV) (all runs).', 'counter')),
    postingsDuplicate: registry.register(new Gauge('jobsearch_postings_duplicate_total', 'Postings already evaluated for their (search term, CV) (all runs).', 'counter')),
    postingsReused: registry.register(new Gauge('jobsearch_postings_reused_total', 'Evaluations copied from another search term (all runs).', 'counter')),
    llmCalls: registry.register(new Gauge('jobsearch_llm_calls_total', 'LLM calls made by runs.', 'counter')),
    llmFailed: registry.register(new Gauge('jobsearch_llm_calls_failed_total', 'LLM calls that failed.', 'counter')),
    llmSaved: registry.register(new Gauge('jobsearch_llm_calls_saved_total', 'LLM calls avoided by deduplication.', 'counter')),
    tokensIn: registry.register(new Gauge('jobsearch_llm_prompt_tokens_total', 'Prompt tokens sent.', 'counter')),
    tokensOut: registry.register(new Gauge('jobsearch_llm_completion_tokens_total', 'Completion tokens received.', 'counter')),
    costUsd: registry.register(new Gauge('jobsearch_llm_cost_usd_total', 'LLM cost in USD.', 'counter')),
    costSavedUsd: registry.register(new Gauge('jobsearch_llm_cost_saved_usd_total', 'LLM cost avoided by deduplication, in USD.', 'counter')),
  };
  const matches = registry.register(new Gauge('jobsearch_job_matches', 'Evaluations stored, by status.'));
  const memory = registry.register(new Gauge('jobsearch_process_resident_memory_bytes', 'Resident memory of this process.'));
  const heap = registry.register(new Gauge('jobsearch_process_heap_used_bytes', 'V8 heap in use.'));
  const uptime = registry.register(new Gauge('jobsearch_process_uptime_seconds', 'Seconds since this process started.'));
  let active = 0;
  runsActive.set(0);

  return {
    contentType: Registry.contentType,
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      latency.observe(seconds, { method, route });
    },
    runStarted() {
      runsStarted.inc();
      runsActive.set(++active);
    },
    runFinished(run) {
      runsFinished.inc({ status: run.status });
      runsActive.set(active = Math.max(0, active - 1));
    },
    async render() {
      const started = performance.now();
      try {
        // Sums over the run ledger: counters kept by the database rather than by this process.
        const [stats, counts] = await Promise.all([store.dedupStats(), store.tableCounts()]);
        for (const [key, gauge] of Object.entries(ledger)) gauge.set(stats.totals[key as keyof typeof ledger]);
        matches.set(counts.jobMatches - counts.failedEvaluations, { status: 'evaluated' });
        matches.set(counts.failedEvaluations, { status: 'failed' });
        databaseUp.set(1);
      } catch (error) {
        logger.warn({ error: errorMessage(error) }, 'metrics: cannot read the database');
        databaseUp.set(0);
      }
      scrapeSeconds.set(Math.round(performance.now() - started) / 1000);
      const usage = process.memoryUsage();
      memory.set(usage.rss);
      heap.set(usage.heapUsed);
      uptime.set(Math.round(process.uptime()));
      return registry.render();
    },
  };
}
