import type { Matcher } from '@jobsearchai/core/matchers';
import type { RunProgressEvent } from '@jobsearchai/core/pipeline';
import type { Store } from '@jobsearchai/core/store';
import { createMetrics, metricsText, METRICS_CONTENT_TYPE, type JobSearchMetrics } from '@jobsearchai/monitoring';

/** What the API records and exposes at GET /metrics (the shared JobSearchAI metric names). */
export interface ApiMetrics {
  readonly contentType: string;
  observeRequest(method: string, route: string | undefined, status: number, seconds: number): void;
  /** Counts database errors (locked, duplicate key, other); ignores everything else. */
  recordError(error: unknown): void;
  /** Pipeline progress of searches started by this process. */
  recordRunProgress(event: RunProgressEvent): void;
  /** The same matcher, counting every LLM call it makes. */
  instrumentMatcher(matcher: Matcher): Matcher;
  render(): Promise<string>;
}

/**
 * Metrics of this process in its own registry (several apps in one process never collide). With
 * the store: the duration of every statement it runs (`jobsearch_db_query_duration_seconds` by
 * operation) and the legacy records `jobsearch-migrate` imported into it.
 */
export function createApiMetrics(store?: Store): ApiMetrics {
  const metrics: JobSearchMetrics = createMetrics(
    store ? { migrationRecords: () => store.migrationRecordTotals() } : {},
  );
  store?.observeQueries(({ operation, seconds }) => metrics.observeDbQuery(operation, seconds));
  return {
    contentType: METRICS_CONTENT_TYPE,
    observeRequest: (method, route, status, seconds) => metrics.observeHttp(method, route, status, seconds),
    recordError: (error) => void metrics.recordDbError(error),
    recordRunProgress: (event) => metrics.recordRunProgress(event),
    instrumentMatcher: (matcher) => metrics.instrumentMatcher(matcher),
    render: () => metricsText(metrics.registry),
  };
}
