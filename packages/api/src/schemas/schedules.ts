import type { ScheduleRecord } from '@jobsearchai/core';
import { z } from 'zod';
import { cronProblem } from '../schedules/cron-schedule.js';
import { intParam, ZCvKey } from './common.js';
import { ZStartRunBody } from './runs.js';

export const ZAlertDelivery = z
  .enum(['run', 'digest', 'off'], { error: 'must be run, digest or off' })
  .describe(
    "How the alerts on this schedule's strong new matches go out: 'run' right after each run, 'digest' in one message a day (ALERT_DIGEST_TIME in the schedule's time zone), 'off' not at all.",
  );

const fields = {
  search_term: ZStartRunBody.shape.search_term,
  cv_key: ZCvKey.describe('A CV registered with its text (see GET /api/cv-versions, hasText).'),
  max_pages: intParam(1, 50, 'Most results pages to scrape per run.'),
  cron: z
    .string({ error: 'must be text' })
    .trim()
    .min(1, { error: 'must not be blank' })
    .max(100, { error: 'must be at most 100 characters' })
    .describe(
      'When to run: a cron expression with 5 fields (minute hour day month weekday) or 6 (seconds first), e.g. "0 7 * * 1-5".',
    ),
  time_zone: z
    .string({ error: 'must be text' })
    .trim()
    .min(1, { error: 'must not be blank' })
    .max(64, { error: 'must be at most 64 characters' })
    .describe('The IANA time zone the cron expression is read in, e.g. Europe/Zurich.'),
  enabled: z.boolean({ error: 'must be true or false' }).describe('A disabled schedule starts nothing.'),
  alert_threshold: intParam(0, 10, 'Score (0–10) from which a match new to the CV is alerted.'),
  alert_delivery: ZAlertDelivery,
};

/** Refuses a cron expression or time zone that cannot schedule anything, on the field at fault. */
function checkCron(value: { cron?: string | undefined; time_zone?: string | undefined }, ctx: z.RefinementCtx) {
  if (value.cron === undefined && value.time_zone === undefined) return;
  const problem = cronProblem(value.cron ?? '* * * * *', value.time_zone ?? 'UTC');
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
}

export const ZCreateScheduleBody = z
  .strictObject({
    search_term: fields.search_term,
    cv_key: fields.cv_key,
    max_pages: fields.max_pages.default(10),
    cron: fields.cron,
    time_zone: fields.time_zone.default('UTC'),
    enabled: fields.enabled.default(true),
    alert_threshold: fields.alert_threshold.default(8),
    alert_delivery: fields.alert_delivery.default('run'),
  })
  .superRefine(checkCron);
export type TCreateScheduleBody = z.infer<typeof ZCreateScheduleBody>;

export const ZUpdateScheduleBody = z
  .strictObject({
    search_term: fields.search_term.optional(),
    cv_key: fields.cv_key.optional(),
    max_pages: fields.max_pages.optional(),
    cron: fields.cron.optional(),
    time_zone: fields.time_zone.optional(),
    enabled: fields.enabled.optional(),
    alert_threshold: fields.alert_threshold.optional(),
    alert_delivery: fields.alert_delivery.optional(),
  })
  .superRefine((value, ctx) => {
    if (Object.values(value).every((field) => field === undefined))
      ctx.addIssue({ code: 'custom', path: [], message: 'give at least one field to change' });
  });
export type TUpdateScheduleBody = z.infer<typeof ZUpdateScheduleBody>;

export const ZSchedule = z.object({
  id: z.number().int(),
  searchTerm: z.string(),
  cvKey: z.string(),
  maxPages: z.number().int(),
  cron: z.string(),
  timeZone: z.string(),
  enabled: z.boolean(),
  alertThreshold: z.number().int(),
  alertDelivery: z.enum(['run', 'digest', 'off']),
  nextRunAt: z.string().nullable().describe('The next start (UTC); null while disabled.'),
  claimedBy: z.string().nullable().describe('The API instance starting it right now, if any.'),
  claimExpiresAt: z.string().nullable(),
  lastRunId: z.number().int().nullable(),
  lastRunAt: z.string().nullable().describe('When the scheduler last started it (or tried to).'),
  lastError: z.string().nullable().describe('Why the last due start started no run; null when it did.'),
  createdAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<ScheduleRecord>;

export const ZScheduleList = z.object({ items: z.array(ZSchedule) });
