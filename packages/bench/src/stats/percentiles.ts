/** Latency samples summarised the way the targets are written: percentiles in microseconds. */
export interface LatencySummary {
  samples: number;
  minUs: number;
  meanUs: number;
  p50Us: number;
  p95Us: number;
  p99Us: number;
  maxUs: number;
}

/**
 * The p-th percentile (0–100) of `values` by linear interpolation between the closest ranks
 * (numpy's default), so p50 of [1, 2, 3, 4] is 2.5. `values` need not be sorted.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of an empty sample');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0–100, got ${p}`);
  const sorted = isSorted(values) ? values : [...values].sort((a, b) => a - b);
  return percentileOfSorted(sorted, p);
}

function percentileOfSorted(sorted: readonly number[], p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower]!;
  const high = sorted[upper]!;
  return low + (high - low) * (rank - lower);
}

function isSorted(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if (values[i - 1]! > values[i]!) return false;
  return true;
}

/** Summary of durations given in microseconds, rounded to 0.1 µs. */
export function summarizeLatencies(samplesUs: readonly number[]): LatencySummary {
  if (samplesUs.length === 0) throw new RangeError('no latency samples');
  const sorted = [...samplesUs].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    samples: sorted.length,
    minUs: round1(sorted[0]!),
    meanUs: round1(sum / sorted.length),
    p50Us: round1(percentileOfSorted(sorted, 50)),
    p95Us: round1(percentileOfSorted(sorted, 95)),
    p99Us: round1(percentileOfSorted(sorted, 99)),
    maxUs: round1(sorted[sorted.length - 1]!),
  };
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Relative change from `before` to `after` in percent (negative = a reduction); null when before is 0. */
export function percentChange(before: number, after: number): number | null {
  if (before === 0) return after === 0 ? 0 : null;
  return round1(((after - before) / Math.abs(before)) * 100);
}

/** Share saved from `baseline` to `measured` in percent (90 = 90 % fewer); 0 when the baseline is 0. */
export function reductionPercent(baseline: number, measured: number): number {
  if (baseline === 0) return 0;
  return round1(((baseline - measured) / baseline) * 100);
}
