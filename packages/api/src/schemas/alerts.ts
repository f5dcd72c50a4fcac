import type { AlertDeliveryRecord } from '@jobsearchai/core';
import { z } from 'zod';
import { intParam, MAX_ID, ZCvKey } from './common.js';

const STATUSES = ['pending', 'sending', 'retrying', 'sent', 'failed'] as const;

export const ZListAlertsQuery = z.strictObject({
  status: z.enum(STATUSES, { error: `must be one of ${STATUSES.join(', ')}` }).optional(),
  cv_key: ZCvKey.optional(),
  schedule_id: intParam(1, MAX_ID, "Only the alerts of this schedule's runs.").optional(),
  limit: intParam(1, 200, 'How many, newest first.').default(50),
});

export const ZAlertDelivery = z.object({
  id: z.number().int(),
  jobUrl: z.string(),
  cvKey: z.string(),
  channel: z.enum(['webhook', 'email']),
  mode: z.enum(['run', 'digest']).describe("'run': sent after its run; 'digest': in the CV's daily digest."),
  matchId: z.number().int(),
  runId: z.number().int(),
  scheduleId: z.number().int().nullable(),
  searchTerm: z.string(),
  jobTitle: z.string().nullable(),
  companyName: z.string().nullable(),
  location: z.string().nullable(),
  score: z.number().int(),
  status: z
    .enum(STATUSES)
    .describe("'retrying': failed, waiting for nextAttemptAt; 'failed': given up after ALERT_MAX_ATTEMPTS."),
  attempts: z.number().int(),
  dueAt: z.string().describe('When it was first due (UTC): the run’s end, or the digest time.'),
  nextAttemptAt: z.string(),
  claimedBy: z.string().nullable().describe('The API instance sending it right now, if any.'),
  claimExpiresAt: z.string().nullable(),
  lastError: z.string().nullable().describe('Why the last attempt failed.'),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
}) satisfies z.ZodType<AlertDeliveryRecord>;

export const ZAlertList = z.object({ items: z.array(ZAlertDelivery) });
