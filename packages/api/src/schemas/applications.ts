import { APPLICATION_STATUSES, type ApplicationBoard, type ApplicationRecord } from '@jobsearchai/core';
import { DEFAULT_MATCHED_LIMIT, MAX_MATCHED_LIMIT, MAX_NOTES_LENGTH } from '@jobsearchai/core/store';
import { z } from 'zod';
import { intParam, ZCvKey } from './common.js';

export const ZApplicationStatus = z
  .enum(APPLICATION_STATUSES, { error: `must be one of ${APPLICATION_STATUSES.join(', ')}` })
  .describe('The application status; MATCHED is the status of a posting nobody has tracked yet.');

export const ZSetApplicationBody = z.strictObject({
  status: ZApplicationStatus,
  notes: z
    .string({ error: 'must be text or null' })
    .max(MAX_NOTES_LENGTH, { error: `must be at most ${MAX_NOTES_LENGTH} characters` })
    // PostgreSQL text cannot hold NUL; line breaks and tabs are fine.
    .refine((text) => !text.includes('\0'), { error: 'must not contain NUL characters' })
    .nullable()
    .optional()
    .describe('Free text; omitted: the notes stay; null or blank: cleared.'),
  expectedUpdatedAt: z
    .string({ error: 'must be the updatedAt you read, or null' })
    .max(100, { error: 'must be the updatedAt you read, or null' })
    .nullable()
    .optional()
    .describe(
      'The updatedAt of the application as you last read it (null: it was untracked). When someone changed it since, the answer is 409 and nothing is written.',
    ),
});
export type TSetApplicationBody = z.infer<typeof ZSetApplicationBody>;

export const ZApplicationHistoryEntry = z.object({
  id: z.number().int(),
  fromStatus: ZApplicationStatus,
  toStatus: ZApplicationStatus,
  notesChanged: z.boolean().describe('The change set the notes (then `notes` holds them; null: cleared).'),
  notes: z.string().nullable(),
  changedAt: z.string(),
});

export const ZApplication = z.object({
  jobUrl: z.string(),
  cvKey: z.string(),
  status: ZApplicationStatus,
  notes: z.string().nullable(),
  createdAt: z
    .string()
    .nullable()
    .describe('When the posting was first tracked, as stored (legacy rows: YYYY-MM-DD HH:MM:SS UTC); null: never.'),
  updatedAt: z.string().nullable().describe('Pass it back as expectedUpdatedAt to detect concurrent changes.'),
  history: z.array(ZApplicationHistoryEntry).describe('Status and notes changes, newest first.'),
}) satisfies z.ZodType<ApplicationRecord>;

export const ZApplicationBoardQuery = z.strictObject({
  cv_key: ZCvKey.optional().describe('Only this CV’s postings (all CVs when omitted).'),
  matched_limit: intParam(
    0,
    MAX_MATCHED_LIMIT,
    'Cards in the MATCHED column (postings nobody tracked yet), best-scored first; its total counts them all.',
  ).default(DEFAULT_MATCHED_LIMIT),
});
export type TApplicationBoardQuery = z.infer<typeof ZApplicationBoardQuery>;

export const ZApplicationCard = z.object({
  matchId: z.number().int().describe('The best-scored evaluation, for GET /api/matches/{id}.'),
  jobUrl: z.string(),
  cvKey: z.string(),
  title: z.string().nullable(),
  company: z.string().nullable(),
  location: z.string().nullable(),
  bestScore: z.number().int().nullable().describe('The best score over its search terms; null: every one failed.'),
  searchTerms: z.array(z.string()),
  status: ZApplicationStatus,
  notes: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

export const ZApplicationBoard = z.object({
  cvKey: z.string().nullable(),
  matchedLimit: z.number().int(),
  columns: z
    .array(
      z.object({
        status: ZApplicationStatus,
        total: z.number().int().describe('Postings with this status (MATCHED: more than its cards when limited).'),
        cards: z.array(ZApplicationCard),
      }),
    )
    .describe('One column per status, in the order MATCHED, INTERESTED, … ARCHIVED.'),
}) satisfies z.ZodType<ApplicationBoard>;
