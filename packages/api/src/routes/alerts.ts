import type { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { anyRoute, defineRoute, type AnyApiRoute } from '../http/api-route.js';
import { ZAlertList, ZListAlertsQuery } from '../schemas/alerts.js';

export function alertRoutes(ctx: AppContext): AnyApiRoute[] {
  const list = defineRoute({
    method: 'get',
    path: '/api/alerts',
    operationId: 'listAlerts',
    tag: 'schedules',
    summary: 'Recent alerts on strong new matches, newest first, with how their delivery went.',
    description:
      'One item per posting, CV and channel (webhook, email): pending, being sent, retrying after a failure (lastError), sent, or failed (given up).',
    query: ZListAlertsQuery,
    responses: { 200: { description: 'The alerts.', schema: ZAlertList } },
    handler: async ({ query }, _req, res) => {
      const body: z.input<typeof ZAlertList> = {
        items: await ctx.store.listAlertDeliveries({
          status: query.status,
          cvKey: query.cv_key,
          scheduleId: query.schedule_id,
          limit: query.limit,
        }),
      };
      res.json(body);
    },
  });
  return [anyRoute(list)];
}
