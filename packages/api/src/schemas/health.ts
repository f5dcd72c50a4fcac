import { z } from 'zod';

export const ZHealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeSeconds: z.number(),
});

export const ZReadyResponse = z.object({
  status: z.literal('ready'),
  database: z.object({
    provider: z.enum(['sqlite', 'postgresql']),
    schema: z.string().nullable().describe('The newest applied migration.'),
    latencyMs: z.number(),
  }),
});
