import { performance } from 'node:perf_hooks';
import type { CollectContext, ProbeSection } from './types.js';

/** The p-th percentile (0–100) of the samples, nearest-rank method. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/**
 * Times the two queries users wait on, through the same store functions the pipeline and the
 * dashboard use: the page-level batch dedup check (5 known and 5 unknown URLs) and the first page
 * of the matches list. Uses the newest search term and CV, so it measures real index paths.
 */
export async function collectQueryProbe({ store, config }: CollectContext): Promise<ProbeSection> {
  const repetitions = config.probe.repetitions;
  const recent = await store.recentMatchKeys(5);
  const searchTerm = recent?.searchTerm ?? 'monitor-probe';
  const cvKey = recent?.cvKey ?? '0000000000000000';
  const urls = [...(recent?.jobUrls ?? [])];
  for (let i = urls.length; i < 10; i++) urls.push(`https://monitor.invalid/probe/${i}`);

  const dedup: number[] = [];
  const list: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    dedup.push(await timed(() => store.findNewPostings(urls, searchTerm, cvKey)));
    list.push(await timed(() => store.listMatches({ searchTerm, cvKey, sort: 'score_desc', limit: 50 })));
  }
  return { repetitions, dedupLookupP95Ms: round(percentile(dedup, 95)), listQueryP95Ms: round(percentile(list, 95)) };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
