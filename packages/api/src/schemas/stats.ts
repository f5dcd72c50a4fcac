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

const estimated = {
  runs: z.number().int().describe('Runs of the offline matcher.'),
  evaluations: z
    .number()
    .int()
    .describe('Postings the offline matcher evaluated: with an LLM matcher, one LLM call each.'),
  llmSaved: z.number().int().describe('Evaluations deduplication saved in these runs.'),
  costUsd: z.number().describe("What these evaluations would have cost at the model's prices."),
  costSavedUsd: z.number().describe("What the saved evaluations would have cost at the model's prices."),
};

export const ZCostEstimate = z
  .object({
    label: z
      .string()
      .describe('"estimated at <model> prices" (or "<model> Flex prices"): show it with every figure taken from here.'),
    model: z.string().describe("The server's OPENAI_MODEL."),
    serviceTier: z.enum(['default', 'flex']).describe("The server's OPENAI_SERVICE_TIER."),
    costPerEvaluationUsd: z.number().describe("A typical evaluation's tokens at the model's prices."),
    ...estimated,
    days: z.array(z.object({ day: z.string().describe('YYYY-MM-DD (UTC).'), ...estimated })),
  })
  .nullable()
  .describe(
    'The offline (heuristic) matcher makes no LLM calls, so its runs cost $0 and save $0. This prices their evaluations and saved calls at the configured model, as an estimate: it is never added to the real costUsd and costSavedUsd of totals and days. Null when the range has no offline runs or the model has no price.',
  );
export const ZStatsDay = z.object({ day: z.string().describe('YYYY-MM-DD (UTC).'), ...counters, ...rates });

export const ZStatsResponse = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  totals: ZStatsTotals,
  days: z.array(ZStatsDay),
  estimate: ZCostEstimate,
  database: z.object({
    matches: z.number().int().describe('Stored evaluations, failed ones included.'),
    failedEvaluations: z.number().int(),
    cvVersions: z.number().int(),
    searchRuns: z.number().int(),
    legacyImports: z.number().int(),
  }),
});
export type TStatsResponse = z.infer<typeof ZStatsResponse>;
