import type { LatencySummary } from '../stats/percentiles.js';

export interface SoakOptions {
  /** Rows to seed into the server's database (default 100 000). */
  rows?: number;
  /** Load duration in seconds (default 60). */
  durationSeconds?: number;
  /** Concurrent clients (default 20). */
  connections?: number;
  /** Server log level (default warn: the request log would otherwise be measured too). */
  logLevel?: string;
  /** Sequential requests per endpoint kind before the load, for a per-endpoint breakdown (default 200). */
  probeRequests?: number;
  /** The jobsearch-api bin to serve with (default: @jobsearchai/api's, found by module resolution). */
  cliPath?: string;
  workDir?: string;
}

export interface SoakResult {
  config: { rows: number; durationSeconds: number; connections: number; logLevel: string; mix: Record<string, number> };
  /** Requests per second (autocannon's per-second mean) and totals. */
  throughput: { requestsPerSecond: number; requests: number; bytesPerSecond: number };
  /** Latency over the whole mix under load, in ms. */
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  errors: { errors: number; timeouts: number; non2xx: number; statusCodes: Record<string, number> };
  /** Server memory (VmRSS / VmHWM of its process), MB. */
  rssMb: { afterStart: number; beforeLoad: number; end: number; peak: number; growth: number; samples: number[] };
  /** Each endpoint alone, one request at a time, before the load (µs). */
  endpoints: Record<string, LatencySummary>;
}
