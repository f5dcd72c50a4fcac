import type { MatchDetail, MatchPage, MatchRecord } from '@jobsearchai/core';
import { MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from '@jobsearchai/core/store';
import { z } from 'zod';
import { intParam, orderedDays, textParam, ZCvKey, ZDay } from './common.js';
import { isMatchCursorFor } from './match-cursor.js';

export const MATCH_SORTS = ['score_desc', 'score_asc', 'date_desc', 'date_asc', 'company_asc', 'title_asc'] as const;

export const ZListMatchesQuery = z
  .strictObject({
    search_term: textParam('Only matches found for this search term (exact, case-sensitive).').optional(),
    cv_key: ZCvKey.optional(),
    min_score: intParam(0, 10, 'Lowest overall score, inclusive.').optional(),
    max_score: intParam(0, 10, 'Highest overall score, inclusive.').optional(),
    q: textParam('Text in the title, company or location (case-insensitive).').optional(),
    location: textParam('Text in the location (case-insensitive).').optional(),
    date_from: ZDay.describe('First matched day (UTC), inclusive.').optional(),
    date_to: ZDay.describe('Last matched day (UTC), inclusive.').optional(),
    status: z
      .enum(['evaluated', 'failed', 'all'], { error: 'must be one of evaluated, failed, all' })
      .default('evaluated')
      .describe('Failed evaluations are kept (and retried by the next run) but are not matches.'),
    sort: z.enum(MATCH_SORTS, { error: `must be one of ${MATCH_SORTS.join(', ')}` }).default('score_desc'),
    cursor: z
      .string()
      .max(1000, { error: 'is not a cursor this server issued' })
      .describe('The nextCursor of the previous page, unchanged; the other parameters must stay the same.')
      .optional(),
    limit: intParam(1, MAX_PAGE_SIZE, 'Page size.').default(DEFAULT_PAGE_SIZE),
  })
  .superRefine((value, ctx) => {
    if (value.min_score !== undefined && value.max_score !== undefined && value.min_score > value.max_score) {
      ctx.addIssue({
        code: 'custom',
        path: ['min_score'],
        message: `must not be above max_score (${value.max_score})`,
        input: value.min_score,
      });
    }
    orderedDays({ from: value.date_from, to: value.date_to }, ctx, ['date_from', 'date_to']);
    if (value.cursor !== undefined && !isMatchCursorFor(value.cursor, value.sort)) {
      ctx.addIssue({
        code: 'custom',
        path: ['cursor'],
        message: `is not a cursor for sort=${value.sort}: pass back the nextCursor of the previous page unchanged, with the same sort`,
        input: value.cursor,
      });
    }
  });
export type TListMatchesQuery = z.infer<typeof ZListMatchesQuery>;

const score = z.number().int().nullable();

export const ZMatchRecord = z.object({
  id: z.number().int(),
  jobUrl: z.string(),
  searchTerm: z.string(),
  cvKey: z.string(),
  jobTitle: z.string().nullable(),
  companyName: z.string().nullable(),
  location: z.string().nullable(),
  postingDate: z.string().nullable(),
  salaryRange: z.string().nullable(),
  overallMatch: score.describe('1–10; null for a failed evaluation.'),
  skillsMatch: score,
  experienceMatch: score,
  educationFit: score,
  careerTrajectoryAlignment: score,
  preferenceMatch: score,
  potentialSatisfaction: score,
  locationCompatibility: z.string().nullable(),
  reasoning: z.string().nullable(),
  evaluationStatus: z.enum(['evaluated', 'failed']),
  matcher: z.string().nullable(),
  model: z.string().nullable(),
  runId: z.number().int().nullable(),
  source: z.string().nullable(),
  scrapedAt: z.string().nullable(),
  matchedAt: z.string().nullable().describe('As stored: legacy rows keep their timestamp format.'),
  updatedAt: z.string().nullable(),
}) satisfies z.ZodType<MatchRecord>;

export const ZMatchDetail = ZMatchRecord.extend({
  scrapedData: z.unknown().describe('The posting as scraped (or the legacy record), parsed JSON.'),
}) satisfies z.ZodType<MatchDetail>;

/** A list row: everything but the reasoning (often a kilobyte of prose), which GET /api/matches/{id} has. */
export const ZMatchListItem = ZMatchRecord.omit({ reasoning: true });
export type TMatchListItem = z.infer<typeof ZMatchListItem>;

export const ZMatchPage = z.object({
  items: z.array(ZMatchListItem),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
}) satisfies z.ZodType<Omit<MatchPage, 'items'> & { items: TMatchListItem[] }>;

export const ZMatchDetailResponse = z.object({
  match: ZMatchDetail,
  otherEvaluations: z
    .array(ZMatchRecord)
    .describe('Every other evaluation of the same posting URL (other search terms or CVs), newest first.'),
});
export type TMatchDetailResponse = z.infer<typeof ZMatchDetailResponse>;
