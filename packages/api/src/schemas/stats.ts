import { z } from 'zod';
import { orderedDays, ZDay } from './common.js';

export const ZStatsQuery = z
  .strictObject({
    from: ZDay.describe('First day (UTC, by run start), inclusive.').optional(),
    to: ZDay.describe('Last day (UTC, by run start), inclusive.').optional(),
  })
  .superRefine((value, ctx) => orderedDays(value, ctx, ['from', 'to']));
export type TStatsQuery = z.infer<typeof ZStatsQuery>;

const counters = {
  runs: z.number().int(),
  pagesScraped: z.number().int(),
  pagesSaved: z.number().int().describe('Pages the legacy pipeline would have scraped after an early exit.'),
  postingsSeen: z.number().int(),
  postingsNew: z.number().int(),
  postingsDuplicate: z.number().int(),
  postingsReused: z
    .number()
    .int()
    .describe('Evaluated before for the same CV under another search term; copied, not re-evaluated.'),
  llmCalls: z.number().int(),
  llmFailed: z.number().int(),
  llmSaved: z.number().int(),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  costUsd: z.number(),
  costSavedUsd: z.number(),
  flexFallbacks: z
    .number()
    .int()
    .describe('Evaluations sent again at the default tier because the Flex tier had no capacity.'),
};

const rates = {
  duplicateRate: z.number().nullable().describe('postingsDuplicate / postingsSeen; null without postings.'),
  llmSavedRate: z.number().nullable().describe('llmSaved / (llmCalls + llmSaved); null without either.'),
};

export const ZStatsTotals = z.object({ ...counters, ...rates });
export const ZStatsDay = z.object({ day: z.string().describe('YYYY-MM-DD (UTC).'), ...counters, ...rates });

export const ZStatsResponse = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  totals: ZStatsTotals,
  days: z.array(ZStatsDay),
  database: z.object({
    matches: z.number().int().describe('Stored evaluations, failed ones included.'),
    failedEvaluations: z.number().int(),
    cvVersions: z.number().int(),
    searchRuns: z.number().int(),
    legacyImports: z.number().int(),
  }),
});
export type TStatsResponse = z.infer<typeof ZStatsResponse>;
