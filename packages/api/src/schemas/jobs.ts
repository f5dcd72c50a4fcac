import { tryNormalizeJobUrl } from '@jobsearchai/core';
import { z } from 'zod';
import { ZMatchDetail } from './matches.js';

export const ZJobLookupQuery = z.strictObject({
  url: z
    .string({ error: 'is required: the posting URL to look up' })
    .max(2000, { error: 'must be at most 2000 characters' })
    .describe('The posting URL, in any form that normalises to the same dedup key (e.g. http://ostjob.ch/job/x/1).')
    .transform((value, ctx) => {
      const url = tryNormalizeJobUrl(value);
      if (url === null) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be an http(s) URL of a posting, e.g. https://www.ostjob.ch/job/<slug>/<id>',
          input: value,
        });
        return z.NEVER;
      }
      return url;
    }),
});
export type TJobLookupQuery = z.infer<typeof ZJobLookupQuery>;

export const ZPosting = z.object({
  url: z.string(),
  title: z.string().nullable(),
  companyName: z.string().nullable(),
  location: z.string().nullable(),
  postingDate: z.string().nullable(),
  salaryRange: z.string().nullable(),
  description: z.string().nullable(),
  skills: z.array(z.string()).nullable(),
  raw: z.unknown().describe('Everything stored about the posting, keys as scraped.'),
});
export type TPosting = z.infer<typeof ZPosting>;

export const ZLegacyEvaluation = z.object({
  overallMatch: z.number().int().nullable(),
  skillsMatch: z.number().int().nullable(),
  experienceMatch: z.number().int().nullable(),
  educationFit: z.number().int().nullable(),
  careerTrajectoryAlignment: z.number().int().nullable(),
  preferenceMatch: z.number().int().nullable(),
  potentialSatisfaction: z.number().int().nullable(),
  locationCompatibility: z.string().nullable(),
  reasoning: z.string().nullable(),
  failedEvaluation: z.boolean(),
});

export const ZJobLookupResponse = z.object({
  url: z.string().describe('The canonical (normalised) URL that was looked up.'),
  source: z
    .enum(['database', 'legacy_json'])
    .describe('Where the posting was found: the database first, then the newest legacy JSON file holding it.'),
  posting: ZPosting.nullable(),
  evaluations: z
    .array(ZMatchDetail)
    .describe('Evaluations stored in the database, newest first (empty for legacy_json).'),
  legacy: z
    .object({
      file: z.string().describe('File name of the legacy JSON file.'),
      kind: z.enum(['job_matches', 'job_data']),
      evaluation: ZLegacyEvaluation.nullable().describe('The legacy evaluation (job_matches files only).'),
    })
    .optional(),
});
export type TJobLookupResponse = z.infer<typeof ZJobLookupResponse>;
