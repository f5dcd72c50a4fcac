/** One database size measurement, kept in the state file between runs. */
export interface SizeSample {
  at: string;
  bytes: number;
}

const KEEP_DAYS = 8;
const GROWTH_WINDOW_DAYS = 7;
/** Cron may run the agent every minute: one stored sample per quarter hour is plenty. */
const MIN_SAMPLE_SPACING_MS = 15 * 60_000;
const MIN_SPAN_MS = 60 * 60_000;
const MAX_SAMPLES = 1000;

/** Adds the current measurement (thinned) and drops samples older than the retention. */
export function addSizeSample(samples: readonly SizeSample[], sample: SizeSample): SizeSample[] {
  const now = Date.parse(sample.at);
  const kept = samples.filter((s) => {
    const at = Date.parse(s.at);
    return Number.isFinite(at) && at <= now && now - at <= KEEP_DAYS * 86_400_000;
  });
  const last = kept.at(-1);
  if (!last || now - Date.parse(last.at) >= MIN_SAMPLE_SPACING_MS) kept.push(sample);
  return kept.slice(-MAX_SAMPLES);
}

/**
 * Bytes per day between the oldest sample of the last week and the current size; null until the
 * samples span an hour (a shorter span extrapolates noise, e.g. a WAL checkpoint).
 */
export function growthPerDay(samples: readonly SizeSample[], current: SizeSample): number | null {
  const now = Date.parse(current.at);
  const oldest = samples.find((s) => now - Date.parse(s.at) <= GROWTH_WINDOW_DAYS * 86_400_000);
  if (!oldest) return null;
  const span = now - Date.parse(oldest.at);
  if (span < MIN_SPAN_MS) return null;
  return Math.round(((current.bytes - oldest.bytes) / span) * 86_400_000);
}
