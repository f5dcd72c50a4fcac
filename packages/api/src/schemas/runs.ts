import type { RunRecord } from '@jobsearchai/core';
import { z } from 'zod';
import { intParam, MAX_ID, textParam, ZCvKey } from './common.js';

export const RUN_STATUSES = ['running', 'completed', 'failed', 'interrupted', 'cancelled'] as const;

export const ZListRunsQuery = z.strictObject({
  search_term: textParam('Only runs of this search term.').optional(),
  cv_key: ZCvKey.optional(),
  status: z.enum(RUN_STATUSES, { error: `must be one of ${RUN_STATUSES.join(', ')}` }).optional(),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, { error: 'is not a cursor this server issued' })
    .refine((value) => Number(value) <= MAX_ID, { error: 'is not a cursor this server issued' })
    .describe('The nextCursor of the previous page.')
    .optional(),
  limit: intParam(1, 200, 'Page size.').default(50),
});
export type TListRunsQuery = z.infer<typeof ZListRunsQuery>;

export const ZRunRecord = z.object({
  id: z.number().int(),
  searchTerm: z.string(),
  cvKey: z.string(),
  source: z.string(),
  matcher: z.string(),
  model: z.string().nullable(),
  maxPages: z.number().int(),
  status: z.enum(RUN_STATUSES),
  stopReason: z
    .string()
    .nullable()
    .describe(
      'early_exit, end_of_results, repeated_page, max_pages, blocked, budget_exhausted, cancelled, source_error, error, interrupted, stale (its process died).',
    ),
  error: z.string().nullable(),
  pagesScraped: z.number().int(),
  pagesSaved: z.number().int(),
  postingsSeen: z.number().int(),
  postingsNew: z.number().int(),
  postingsDuplicate: z.number().int(),
  postingsReused: z.number().int(),
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
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
}) satisfies z.ZodType<RunRecord>;

export const ZRunsPage = z.object({
  items: z.array(ZRunRecord),
  nextCursor: z.string().nullable(),
});

export const ZStartRunBody = z
  .strictObject({
    search_term: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, { error: 'must not be blank' })
      .max(100, { error: 'must be at most 100 characters' })
      .regex(/^[^/?#\\\p{Cc}]+$/u, { error: 'must not contain /, ?, #, \\ or control characters' })
      .describe('The board\'s search slug, e.g. "IT" or "data-analyst" (case-sensitive).'),
    cv_path: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, { error: 'must not be blank' })
      .max(1000, { error: 'must be at most 1000 characters' })
      .describe("A CV file (PDF, Markdown or text) inside the server's CV_DIR; relative paths are read from there.")
      .optional(),
    cv_key: ZCvKey.describe('A CV already registered with its text (see GET /api/cv-versions, hasText).').optional(),
    max_pages: intParam(1, 50, 'Most results pages to scrape.').default(10),
    llm_call_budget: intParam(
      1,
      10_000,
      'Most postings this run sends to the LLM (one evaluation each, however many requests its retries take; the CV summary is not counted). When it is used up the run stops with stop reason budget_exhausted; the postings left are evaluated by the next run. Only the LLM matcher spends it. Default: no limit.',
    ).optional(),
    source: z
      .enum(['demo', 'ostjob'], { error: 'must be demo or ostjob' })
      .describe("Default: the server's SEARCH_SOURCE.")
      .optional(),
    service_tier: z
      .enum(['default', 'flex'], { error: 'must be default or flex' })
      .describe(
        "LLM processing tier for this run's evaluations: flex costs less and falls back to default when it has no capacity. Default: the server's OPENAI_SERVICE_TIER.",
      )
      .optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.cv_path === undefined) === (value.cv_key === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['cv_path'],
        message: 'give exactly one of cv_path and cv_key',
        input: value.cv_path,
      });
    }
  });
export type TStartRunBody = z.infer<typeof ZStartRunBody>;

export const ZStartRunResponse = z.object({
  id: z.number().int(),
  run: ZRunRecord,
});

export const ZRunDetailResponse = ZRunRecord.extend({
  active: z.boolean().describe('Running in this server process (its counters update as pages are scraped).'),
});
