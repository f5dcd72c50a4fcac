import { isJobSearchError } from '@jobsearchai/core';
import type { LlmCallRecord, Matcher } from '@jobsearchai/core/matchers';
import type { RunProgressEvent } from '@jobsearchai/core/pipeline';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { httpMethodLabel, identifierLabel, modelLabel, routeLabel, statusLabel } from './labels.js';
import { instrumentMatcher } from './instrument-matcher.js';
import { recordRunProgress } from './run-progress.js';

export type DbErrorKind = 'duplicate_key' | 'locked' | 'other';
/** Per-record outcomes of the legacy JSON migration (`replaced`: a stored failed evaluation replaced by a successful one). */
export type MigrationOutcome = 'migrated' | 'duplicate' | 'updated' | 'replaced' | 'rejected';
export const MIGRATION_OUTCOMES: readonly MigrationOutcome[] = [
  'migrated',
  'duplicate',
  'updated',
  'replaced',
  'rejected',
];

/** The prom-client handles, for callers that need more than the helpers below. */
export interface MetricHandles {
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  dbQueryDuration: Histogram<'operation'>;
  dbErrors: Counter<'kind'>;
  llmCalls: Counter<'outcome' | 'model'>;
  llmCallDuration: Histogram<'outcome'>;
  llmTokens: Counter<'kind'>;
  llmCost: Counter;
  llmCallsSaved: Counter;
  llmCostSaved: Counter;
  pagesScraped: Counter;
  pagesSaved: Counter;
  postings: Counter<'kind'>;
  runs: Counter<'status'>;
  migrationRecords: Counter<'outcome'>;
}

export interface JobSearchMetrics {
  readonly registry: Registry;
  readonly handles: MetricHandles;
  /**
   * One finished HTTP request. `routePattern` is the route as declared (`/api/matches/:id`), never
   * the request path; pass undefined when no route matched.
   */
  observeHttp(method: string, routePattern: string | null | undefined, status: number, seconds: number): void;
  /** `operation` names the query (`dedup_check`, `list_matches`), a snake_case identifier. */
  observeDbQuery(operation: string, seconds: number): void;
  countDbError(kind: DbErrorKind): void;
  /** Counts a thrown database error by its JobSearchError code; returns the kind, or null when it is not a database error. */
  recordDbError(error: unknown): DbErrorKind | null;
  /**
   * The pipeline hook: pass as `onProgress` to `runSearch`/`startSearch` (any number of runs at
   * once). Postings and calls saved count as pages come in; pages, pages saved, cost saved and
   * the run's status count when it finishes. LLM calls are counted by `instrumentMatcher`.
   */
  recordRunProgress(event: RunProgressEvent): void;
  /** One LLM call as the matchers record it: counted by outcome and model, with tokens, cost and duration. */
  recordLlmCall(call: LlmCallRecord): void;
  /**
   * The same matcher, counting every LLM call it makes (evaluations and CV summaries, retries
   * and invalid answers included) with its real outcome. Pass it to `runSearch` and `prepareCv`.
   */
  instrumentMatcher(matcher: Matcher): Matcher;
}

export interface CreateMetricsOptions {
  /** Default: a new registry (so several instances never collide). */
  registry?: Registry;
  /** Node.js process metrics (CPU, memory, event loop lag, handles); default true. */
  defaultMetrics?: boolean;
  /**
   * Where `jobsearch_migration_records_total` comes from: the records `jobsearch-migrate` imported,
   * read from the database at every scrape (the store's `migrationRecordTotals`), so the counter
   * includes every CLI run. Without it the counter has no series.
   */
  migrationRecords?: () => Promise<Record<MigrationOutcome, number>>;
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** The registry in Prometheus text format, for a `/metrics` handler. */
export function metricsText(registry: Registry): Promise<string> {
  return registry.metrics();
}

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// Dedup lookups take microseconds and list queries milliseconds (TOOLCHAIN.md); 100 ms is the alert line.
const LLM_BUCKETS = [0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120];
const DB_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export function createMetrics(options: CreateMetricsOptions = {}): JobSearchMetrics {
  const registry = options.registry ?? new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const handles: MetricHandles = {
    httpRequests: new Counter({
      name: 'jobsearch_http_requests_total',
      help: 'HTTP requests handled, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'jobsearch_http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method and route pattern.',
      labelNames: ['method', 'route'],
      buckets: HTTP_BUCKETS,
      registers,
    }),
    dbQueryDuration: new Histogram({
      name: 'jobsearch_db_query_duration_seconds',
      help: 'Database query duration in seconds, by operation.',
      labelNames: ['operation'],
      buckets: DB_BUCKETS,
      registers,
    }),
    dbErrors: new Counter({
      name: 'jobsearch_db_errors_total',
      help: 'Database errors: duplicate_key, locked (busy/lock timeout) or other.',
      labelNames: ['kind'],
      registers,
    }),
    llmCalls: new Counter({
      name: 'jobsearch_llm_calls_total',
      help: 'LLM calls made, by outcome (ok, invalid_response, rate_limited, server_error, timeout, error) and model.',
      labelNames: ['outcome', 'model'],
      registers,
    }),
    llmCallDuration: new Histogram({
      name: 'jobsearch_llm_call_duration_seconds',
      help: 'LLM call duration in seconds (retries and backoff included), by outcome.',
      labelNames: ['outcome'],
      buckets: LLM_BUCKETS,
      registers,
    }),
    llmTokens: new Counter({
      name: 'jobsearch_llm_tokens_total',
      help: 'LLM tokens used, by kind (prompt/completion).',
      labelNames: ['kind'],
      registers,
    }),
    llmCost: new Counter({ name: 'jobsearch_llm_cost_usd_total', help: 'LLM cost in US dollars.', registers }),
    llmCallsSaved: new Counter({
      name: 'jobsearch_llm_calls_saved_total',
      help: 'LLM calls the legacy pipeline would have made and deduplication avoided.',
      registers,
    }),
    llmCostSaved: new Counter({
      name: 'jobsearch_llm_cost_saved_usd_total',
      help: 'Estimated LLM cost avoided by deduplication, in US dollars.',
      registers,
    }),
    pagesScraped: new Counter({
      name: 'jobsearch_pages_scraped_total',
      help: 'Results pages fetched from job boards.',
      registers,
    }),
    pagesSaved: new Counter({
      name: 'jobsearch_pages_saved_total',
      help: 'Results pages not fetched thanks to the early exit.',
      registers,
    }),
    postings: new Counter({
      name: 'jobsearch_postings_total',
      help: 'Postings seen on results pages: new, duplicate (already evaluated) or reused (evaluation copied from another search term).',
      labelNames: ['kind'],
      registers,
    }),
    runs: new Counter({
      name: 'jobsearch_search_runs_total',
      help: 'Search runs finished, by status.',
      labelNames: ['status'],
      registers,
    }),
    migrationRecords: new Counter({
      name: 'jobsearch_migration_records_total',
      help: 'Legacy JSON records processed by jobsearch-migrate (every import in the database), by outcome.',
      labelNames: ['outcome'],
      registers,
      collect: options.migrationRecords ? collectMigrationRecords(options.migrationRecords) : undefined,
    }),
  };

  const countDbError = (kind: DbErrorKind) => handles.dbErrors.inc({ kind });
  const recordLlmCall = (call: LlmCallRecord) => {
    const outcome = identifierLabel(call.outcome);
    handles.llmCalls.inc({ outcome, model: modelLabel(call.model) });
    if (Number.isFinite(call.latencyMs) && call.latencyMs >= 0)
      handles.llmCallDuration.observe({ outcome }, call.latencyMs / 1000);
    if (call.promptTokens > 0) handles.llmTokens.inc({ kind: 'prompt' }, call.promptTokens);
    if (call.completionTokens > 0) handles.llmTokens.inc({ kind: 'completion' }, call.completionTokens);
    if (call.costUsd > 0) handles.llmCost.inc(call.costUsd);
  };
  return {
    registry,
    handles,
    observeHttp(method, routePattern, status, seconds) {
      const method_ = httpMethodLabel(method);
      const route = routeLabel(routePattern);
      handles.httpRequests.inc({ method: method_, route, status: statusLabel(status) });
      if (Number.isFinite(seconds) && seconds >= 0) handles.httpDuration.observe({ method: method_, route }, seconds);
    },
    observeDbQuery(operation, seconds) {
      if (Number.isFinite(seconds) && seconds >= 0)
        handles.dbQueryDuration.observe({ operation: identifierLabel(operation) }, seconds);
    },
    countDbError,
    recordDbError(error) {
      if (!isJobSearchError(error)) return null;
      const kind: DbErrorKind | null =
        error.code === 'DUPLICATE_KEY'
          ? 'duplicate_key'
          : error.code === 'DB_LOCKED'
            ? 'locked'
            : error.code === 'DB_ERROR' || error.code === 'DB_UNAVAILABLE' || error.code === 'DB_SCHEMA'
              ? 'other'
              : null;
      if (kind) countDbError(kind);
      return kind;
    },
    recordRunProgress: (event) => recordRunProgress(handles, event),
    recordLlmCall,
    instrumentMatcher: (matcher) => instrumentMatcher(matcher, recordLlmCall),
  };
}

/**
 * Reads the totals at scrape time. A failed read (database locked or gone) keeps the last values
 * rather than failing the whole scrape; the database errors have their own metrics and alerts.
 */
function collectMigrationRecords(
  read: () => Promise<Record<MigrationOutcome, number>>,
): (this: Counter<'outcome'>) => Promise<void> {
  return async function (this: Counter<'outcome'>) {
    let totals: Record<MigrationOutcome, number>;
    try {
      totals = await read();
    } catch {
      return;
    }
    this.reset();
    for (const outcome of MIGRATION_OUTCOMES) this.inc({ outcome }, totals[outcome]);
  };
}
