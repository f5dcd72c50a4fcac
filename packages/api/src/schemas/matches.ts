import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  CLOSED_APPLICATION_STATUSES,
  isApplicationStatus,
  type MatchDetail,
  type MatchPage,
  type MatchRecord,
} from '@jobsearchai/core';
import { MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from '@jobsearchai/core/store';
import { z } from 'zod';
import { ZApplicationStatus } from './applications.js';
import { intParam, orderedDays, textParam, ZCvKey, ZDay } from './common.js';
import { isMatchCursorFor } from './match-cursor.js';

export const MATCH_SORTS = ['score_desc', 'score_asc', 'date_desc', 'date_asc', 'company_asc', 'title_asc'] as const;

const STATUS_RULE = `must be one or more of ${APPLICATION_STATUSES.join(', ')}, separated by commas`;

/** `APPLIED,INTERVIEW`: one parameter, comma-separated (a repeated parameter is rejected as not text). */
const ZApplicationStatusList = z
  .string({ error: `${STATUS_RULE} (one parameter, not repeated)` })
  .max(200, { error: STATUS_RULE })
  .transform((value, ctx): ApplicationStatus[] => {
    const parts = value.split(',').map((part) => part.trim().toUpperCase());
    const unknown = parts.filter((part) => !isApplicationStatus(part));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `${STATUS_RULE}; unknown: ${unknown.map((part) => JSON.stringify(part)).join(', ')}`,
        input: value,
      });
      return z.NEVER;
    }
    return [...new Set(parts as ApplicationStatus[])];
  })
  .describe(
    `Only postings whose application status is one of these, comma-separated (e.g. APPLIED,INTERVIEW): ${APPLICATION_STATUSES.join(', ')}. A posting without a tracker entry is MATCHED.`,
  );

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
    application_status: ZApplicationStatusList.optional(),
    hide_closed: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform((value) => value === 'true')
      .describe(`true leaves out postings whose application status is ${CLOSED_APPLICATION_STATUSES.join(' or ')}.`)
      .optional(),
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

/**
 * A list row: one posting (URL + CV) shown through its representative evaluation (the best-scored
 * one matching the filters; ties: the lowest id), without the reasoning (often a kilobyte of
 * prose), which GET /api/matches/{id} has.
 */
export const ZMatchListItem = ZMatchRecord.omit({ reasoning: true }).extend({
  id: z.number().int().describe("The representative evaluation's id: GET /api/matches/{id} shows it."),
  searchTerms: z.array(z.string()).describe('Every search term the posting was evaluated under for this CV, sorted.'),
  evaluationCount: z.number().int().describe("The posting's evaluations for this CV (failed ones included)."),
  bestScore: score.describe("The best score of all the posting's evaluations for this CV; null when all failed."),
  applicationStatus: ZApplicationStatus.describe(
    'The status of the most recently updated tracker entry among the evaluations of this URL and CV; MATCHED without one.',
  ),
});
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
