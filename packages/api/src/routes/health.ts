import { errorMessage } from '@jobsearchai/core';
import type { AppContext } from '../app-context.js';
import { anyRoute, defineRoute, type AnyApiRoute } from '../http/api-route.js';
import { sendProblem } from '../http/problem.js';
import { ZHealthResponse, ZReadyResponse } from '../schemas/health.js';
import type { z } from 'zod';

const PING_TIMEOUT_MS = 2_000;

export function healthRoutes(ctx: AppContext): AnyApiRoute[] {
  const health = defineRoute({
    method: 'get',
    path: '/api/health',
    operationId: 'getHealth',
    tag: 'operations',
    summary: 'Liveness: the process answers.',
    responses: { 200: { description: 'Alive.', schema: ZHealthResponse } },
    handler: (_input, _req, res) => {
      const body: z.input<typeof ZHealthResponse> = {
        status: 'ok',
        version: ctx.version,
        uptimeSeconds: Math.round((Date.now() - ctx.startedAt) / 1000),
      };
      res.json(body);
    },
  });

  const ready = defineRoute({
    method: 'get',
    path: '/api/ready',
    operationId: 'getReady',
    tag: 'operations',
    summary: 'Readiness: the database answers and its schema is current.',
    responses: {
      200: { description: 'Ready to serve.', schema: ZReadyResponse },
      503: { description: 'The database is unreachable or its schema is behind (run jobsearch-migrate init).' },
    },
    handler: async (_input, req, res) => {
      const started = performance.now();
      try {
        await withTimeout(ctx.store.ping(), PING_TIMEOUT_MS);
      } catch (error) {
        req.log.warn({ error: errorMessage(error) }, 'readiness: database unreachable');
        sendProblem(req, res, 503, 'DB_UNAVAILABLE', 'The database does not answer.', {
          checks: { database: 'unreachable', schema: 'unknown' },
        });
        return;
      }
      const latencyMs = Math.round((performance.now() - started) * 100) / 100;
      const status = await ctx.store.schemaStatus();
      if (!status.current) {
        const problems = [
          status.pending.length ? `pending migrations: ${status.pending.join(', ')}` : '',
          status.modified.length ? `edited migrations: ${status.modified.join(', ')}` : '',
          status.failed.length ? `failed migrations: ${status.failed.join(', ')}` : '',
          status.unknown.length ? `migrations unknown to this version: ${status.unknown.join(', ')}` : '',
        ].filter(Boolean);
        const action = status.unknown.length
          ? 'Upgrade this server to the version that wrote the database.'
          : 'Run `jobsearch-migrate init` (or `jobsearch-api serve --init`).';
        sendProblem(
          req,
          res,
          503,
          'DB_SCHEMA',
          `The database schema is not current (${problems.join('; ') || 'not initialised'}). ${action}`,
          {
            checks: { database: 'ok', schema: 'behind' },
          },
        );
        return;
      }
      const body: z.input<typeof ZReadyResponse> = {
        status: 'ready',
        database: { provider: ctx.store.provider, schema: status.latest, latencyMs },
      };
      res.json(body);
    },
  });

  return [anyRoute(health), anyRoute(ready)];
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
