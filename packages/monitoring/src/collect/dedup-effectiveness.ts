import type { CollectContext, DedupSection, SavingsSection } from './types.js';
import { isoHoursBefore, percent } from './window-math.js';

/**
 * Deduplication at work, from the finished runs of the stats window: duplicate rate per scrape,
 * early-exit effectiveness (pages saved / pages the legacy pipeline would have fetched) and, on
 * repeat runs (an earlier completed run exists for the same term and CV), the share of LLM calls
 * saved — SPEC §7's "dedup reduction". The sums are core's dedupStats over those runs.
 */
export async function collectDedup({ store, now, config }: CollectContext): Promise<DedupSection> {
  const windowHours = config.statsWindowHours;
  const from = isoHoursBefore(now, windowHours);
  const [stats, runs] = await Promise.all([
    store.dedupStats({ from, finishedOnly: true }),
    store.finishedRunsSummary({ from }),
  ]);
  const { totals } = stats;
  const repeat = runs.repeatRuns;
  const last = runs.lastRun;
  return {
    windowHours,
    runs: totals.runs,
    postingsSeen: totals.postingsSeen,
    postingsDuplicate: totals.postingsDuplicate,
    duplicatePercent: percent(totals.postingsDuplicate, totals.postingsSeen),
    lastRun: last
      ? {
          id: last.id,
          startedAt: last.startedAt,
          duplicatePercent: percent(last.postingsDuplicate, last.postingsSeen),
          stopReason: last.stopReason,
        }
      : null,
    repeatRuns: repeat.runs,
    repeatRunPostings: repeat.postingsSeen,
    repeatReductionPercent: percent(repeat.llmSaved, repeat.llmSaved + repeat.llmCalls),
    pagesSaved: totals.pagesSaved,
    pagesPossible: runs.pagesPossible,
    earlyExitPercent: percent(totals.pagesSaved, runs.pagesPossible),
  };
}

/** Everything deduplication has saved since the first run. */
export async function collectSavings({ store }: CollectContext): Promise<SavingsSection> {
  const { totals } = await store.dedupStats();
  return {
    callsSaved: totals.llmSaved,
    costSavedUsd: totals.costSavedUsd,
    llmCalls: totals.llmCalls,
    costUsd: totals.costUsd,
  };
}
