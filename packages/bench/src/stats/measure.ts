import { summarizeLatencies, type LatencySummary } from './percentiles.js';

export interface MeasureOptions {
  /** Timed iterations. */
  iterations: number;
  /** Untimed iterations first (statement caches, page cache, JIT). */
  warmup?: number;
}

/**
 * Times `fn(i)` once per iteration with the monotonic clock. Each call is awaited before the
 * next starts, so the figures are per-operation latencies, not throughput under concurrency.
 */
export async function measureLatency(fn: (i: number) => unknown, options: MeasureOptions): Promise<LatencySummary> {
  const warmup = options.warmup ?? Math.min(200, Math.ceil(options.iterations / 10));
  for (let i = 0; i < warmup; i++) await settle(fn(i));
  const samples = new Array<number>(options.iterations);
  for (let i = 0; i < options.iterations; i++) {
    const started = process.hrtime.bigint();
    const result = fn(warmup + i);
    // A synchronous call (raw better-sqlite3) is not charged for an await it does not need.
    if (result instanceof Promise) await result;
    samples[i] = Number(process.hrtime.bigint() - started) / 1000;
  }
  return summarizeLatencies(samples);
}

async function settle(value: unknown): Promise<void> {
  if (value instanceof Promise) await value;
}
