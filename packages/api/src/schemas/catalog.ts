import type { CvVersionRecord, SearchTermSummary } from '@jobsearchai/core';
import { z } from 'zod';

export const ZSearchTermSummary = z.object({
  searchTerm: z.string(),
  matches: z.number().int().describe('Successful evaluations stored for the term.'),
  cvKeys: z.number().int(),
  lastMatchedAt: z.string().nullable(),
}) satisfies z.ZodType<SearchTermSummary>;

export const ZSearchTermsResponse = z.object({ items: z.array(ZSearchTermSummary) });

export const ZCvVersion = z.object({
  cvKey: z.string(),
  fileName: z.string(),
  filePath: z.string(),
  fileHash: z.string(),
  uploadDate: z.string().nullable(),
  summary: z.string().nullable(),
  metadata: z.unknown(),
  hasText: z
    .boolean()
    .describe('The extracted text is stored, so POST /api/runs accepts this cv_key without the file.'),
  evaluations: z.number().int(),
}) satisfies z.ZodType<CvVersionRecord>;

export const ZCvVersionsResponse = z.object({ items: z.array(ZCvVersion) });
