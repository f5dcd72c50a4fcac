import type { DailyStats } from '@jobsearchai/core';
import { matcherSettingsFromEnv } from '@jobsearchai/core/matchers';
import type { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { anyRoute, defineRoute, type AnyApiRoute } from '../http/api-route.js';
import { ZStatsQuery, ZStatsResponse, type TStatsResponse } from '../schemas/stats.js';
import { OFFLINE_MATCHER, offlineCostEstimate } from '../stats/offline-cost-estimate.js';

export function statsRoutes(ctx: AppContext): AnyApiRoute[] {
  // The model whose prices the offline runs' estimate uses: the one an LLM search would use.
  const pricing = matcherSettingsFromEnv(ctx.config.core);
  const stats = defineRoute({
    method: 'get',
    path: '/api/stats',
    operationId: 'getStats',
    tag: 'insights',
    summary: 'Deduplication effectiveness from the run ledger: totals and per day.',
    description:
      "Postings seen/new/duplicate/reused, LLM calls made/failed/saved, pages scraped/saved, tokens, cost and cost saved. Days are UTC days of the runs' start. Runs of the offline matcher cost nothing; `estimate` prices them at the configured model, labelled as an estimate.",
    query: ZStatsQuery,
    responses: { 200: { description: 'Totals and one entry per day with runs.', schema: ZStatsResponse } },
    handler: async ({ query }, _req, res) => {
      const range = { from: query.from, to: query.to === undefined ? undefined : nextDay(query.to) };
      const [dedup, offline, counts] = await Promise.all([
        ctx.store.dedupStats(range),
        ctx.store.matcherStats(OFFLINE_MATCHER, range),
        ctx.store.tableCounts(),
      ]);
      const body: TStatsResponse = {
        from: query.from ?? null,
        to: query.to ?? null,
        totals: withRates(dedup.totals),
        days: dedup.days.map((day) => ({ ...withRates(day), day: day.day })),
        estimate: offlineCostEstimate(offline, pricing),
        database: {
          matches: counts.jobMatches,
          failedEvaluations: counts.failedEvaluations,
          cvVersions: counts.cvVersions,
          searchRuns: counts.searchRuns,
          legacyImports: counts.legacyImports,
        },
      };
      res.json(body satisfies z.input<typeof ZStatsResponse>);
    },
  });
  return [anyRoute(stats)];
}

function withRates<T extends Omit<DailyStats, 'day'>>(
  counters: T,
): T & { duplicateRate: number | null; llmSavedRate: number | null } {
  const evaluations = counters.llmCalls + counters.llmSaved;
  return {
    ...counters,
    duplicateRate: counters.postingsSeen > 0 ? round(counters.postingsDuplicate / counters.postingsSeen) : null,
    llmSavedRate: evaluations > 0 ? round(counters.llmSaved / evaluations) : null,
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** `to` is inclusive for people; the store wants an exclusive bound. */
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
