export interface Latency {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

/** Times `times` sequential calls (after `warmup` untimed ones), in milliseconds. */
export async function measure(times: number, call: (i: number) => Promise<void>, warmup = 20): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await call(i);
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await call(warmup + i);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  // Nearest rank: the smallest sample with at least p % of the samples at or below it.
  const rank = (p: number) => samples[Math.max(0, Math.ceil((p / 100) * samples.length) - 1)]!;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { n: samples.length, p50: round(rank(50)), p95: round(rank(95)), max: round(samples.at(-1)!) };
}

export function describeLatency(name: string, latency: Latency): string {
  return `${name.padEnd(52)} p50 ${latency.p50.toFixed(2).padStart(7)} ms   p95 ${latency.p95.toFixed(2).padStart(7)} ms   max ${latency.max.toFixed(2).padStart(7)} ms   (n=${latency.n})`;
}
