import { JobSearchError, type ScheduleRecord } from '@jobsearchai/core';
import type { SchedulePatch } from '@jobsearchai/core/store';
import type { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { anyRoute, defineRoute, type AnyApiRoute } from '../http/api-route.js';
import { nextOccurrence } from '../schedules/cron-schedule.js';
import { ZIdParams } from '../schemas/common.js';
import { ZCreateScheduleBody, ZSchedule, ZScheduleList, ZUpdateScheduleBody } from '../schemas/schedules.js';

const WRITE_RESPONSES = {
  400: {
    description:
      'Invalid body: the detail names the field (a cron expression or time zone that cannot schedule, an unknown CV).',
  },
  401: { description: 'No or malformed Authorization header.' },
  403: { description: 'Wrong token, or a write from another machine to a server without API_TOKEN.' },
} as const;

export function scheduleRoutes(ctx: AppContext): AnyApiRoute[] {
  const list = defineRoute({
    method: 'get',
    path: '/api/schedules',
    operationId: 'listSchedules',
    tag: 'schedules',
    summary: 'Every schedule, oldest first, with its next start and how its last one went.',
    responses: { 200: { description: 'The schedules.', schema: ZScheduleList } },
    handler: async (_input, _req, res) => {
      const body: z.input<typeof ZScheduleList> = { items: await ctx.store.listSchedules() };
      res.json(body);
    },
  });

  const detail = defineRoute({
    method: 'get',
    path: '/api/schedules/:id',
    operationId: 'getSchedule',
    tag: 'schedules',
    summary: 'One schedule.',
    params: ZIdParams,
    responses: {
      200: { description: 'The schedule.', schema: ZSchedule },
      404: { description: 'No schedule has this id.' },
    },
    handler: async ({ params }, _req, res) => {
      res.json(await found(ctx, params.id));
    },
  });

  const create = defineRoute({
    method: 'post',
    path: '/api/schedules',
    operationId: 'createSchedule',
    tag: 'schedules',
    summary: 'Save a search to run on a cron schedule.',
    description:
      'Needs Authorization: Bearer <API_TOKEN>. The API instances sharing the database start each due schedule once, as POST /api/runs would (a run already going for the same search term and CV is not started twice).',
    body: ZCreateScheduleBody,
    responses: {
      201: { description: 'Saved.', schema: ZSchedule, headers: { Location: 'The schedule: /api/schedules/{id}' } },
      ...WRITE_RESPONSES,
    },
    handler: async ({ body }, _req, res) => {
      await requireCvText(ctx, body.cv_key);
      const schedule = await ctx.store.createSchedule({
        searchTerm: body.search_term,
        cvKey: body.cv_key,
        maxPages: body.max_pages,
        cron: body.cron,
        timeZone: body.time_zone,
        enabled: body.enabled,
        alertThreshold: body.alert_threshold,
        alertDelivery: body.alert_delivery,
        nextRunAt: body.enabled ? nextOccurrence(body.cron, body.time_zone, new Date()) : null,
      });
      res.status(201).location(`/api/schedules/${schedule.id}`).json(schedule);
    },
  });

  const update = defineRoute({
    method: 'patch',
    path: '/api/schedules/:id',
    operationId: 'updateSchedule',
    tag: 'schedules',
    summary: 'Change some fields of a schedule (enable or disable it with `enabled`).',
    description:
      'Needs Authorization: Bearer <API_TOKEN>. A new cron expression, time zone or `enabled: true` sets the next start from now.',
    params: ZIdParams,
    body: ZUpdateScheduleBody,
    responses: {
      200: { description: 'The changed schedule.', schema: ZSchedule },
      ...WRITE_RESPONSES,
      404: { description: 'No schedule has this id.' },
    },
    handler: async ({ params, body }, _req, res) => {
      const current = await found(ctx, params.id);
      if (body.cv_key !== undefined) await requireCvText(ctx, body.cv_key);
      const next = { ...current, ...definedFields(body) };
      const patch: SchedulePatch = {
        searchTerm: body.search_term,
        cvKey: body.cv_key,
        maxPages: body.max_pages,
        cron: body.cron,
        timeZone: body.time_zone,
        enabled: body.enabled,
        alertThreshold: body.alert_threshold,
        alertDelivery: body.alert_delivery,
      };
      // Checked together: a time zone changed alone must still fit the stored expression.
      const when = next.cron !== current.cron || next.timeZone !== current.timeZone;
      if (when || next.enabled !== current.enabled)
        patch.nextRunAt = next.enabled ? nextOccurrence(next.cron, next.timeZone, new Date()) : null;
      const changed = await ctx.store.updateSchedule(params.id, patch);
      if (!changed) throw notFound(params.id);
      res.json(changed);
    },
  });

  const remove = defineRoute({
    method: 'delete',
    path: '/api/schedules/:id',
    operationId: 'deleteSchedule',
    tag: 'schedules',
    summary: 'Delete a schedule (its past runs stay).',
    description: 'Needs Authorization: Bearer <API_TOKEN>.',
    params: ZIdParams,
    responses: {
      204: { description: 'Deleted.' },
      401: WRITE_RESPONSES[401],
      403: WRITE_RESPONSES[403],
      404: { description: 'No schedule has this id.' },
    },
    handler: async ({ params }, _req, res) => {
      if (!(await ctx.store.deleteSchedule(params.id))) throw notFound(params.id);
      res.status(204).end();
    },
  });

  return [anyRoute(list), anyRoute(detail), anyRoute(create), anyRoute(update), anyRoute(remove)];
}

async function found(ctx: AppContext, id: number): Promise<ScheduleRecord> {
  const schedule = await ctx.store.getSchedule(id);
  if (!schedule) throw notFound(id);
  return schedule;
}

function notFound(id: number): JobSearchError {
  return new JobSearchError('NOT_FOUND', `Schedule ${id} does not exist.`);
}

/** A schedule starts its runs by cv_key, so the CV's text must already be stored. */
async function requireCvText(ctx: AppContext, cvKey: string): Promise<void> {
  const known = await ctx.store.getCvText(cvKey);
  if (!known?.text)
    throw new JobSearchError(
      'INVALID_INPUT',
      `Body field "cv_key": ${cvKey} is not a CV registered with its text; start one run with cv_path (or the CLI's --cv) to register it.`,
    );
}

function definedFields(body: z.output<typeof ZUpdateScheduleBody>): Partial<ScheduleRecord> {
  const out: Partial<ScheduleRecord> = {};
  if (body.cron !== undefined) out.cron = body.cron;
  if (body.time_zone !== undefined) out.timeZone = body.time_zone;
  if (body.enabled !== undefined) out.enabled = body.enabled;
  return out;
}
