import type { AppContext } from '../app-context.js';
import { anyRoute, defineRoute, type AnyApiRoute } from '../http/api-route.js';
import { buildOpenApiDocument } from '../openapi/openapi-document.js';

/** GET /metrics and GET /api/openapi.json; the document covers every route, these included. */
export function operationsRoutes(ctx: AppContext, apiRoutes: () => readonly AnyApiRoute[]): AnyApiRoute[] {
  const metrics = defineRoute({
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    tag: 'operations',
    summary:
      'Prometheus metrics of this process (text format): requests, database errors, searches, LLM calls and what deduplication saved.',
    responses: { 200: { description: 'Prometheus text exposition format 0.0.4.', contentType: 'text/plain' } },
    handler: async (_input, _req, res) => {
      const text = await ctx.metrics.render();
      res.setHeader('Cache-Control', 'no-store');
      res.type(ctx.metrics.contentType).send(text);
    },
  });

  let document: Record<string, unknown> | undefined;
  const openapi = defineRoute({
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'getOpenApiDocument',
    tag: 'operations',
    summary: 'This API described as OpenAPI 3.1, generated from the schemas that validate the requests.',
    responses: { 200: { description: 'The OpenAPI document.', contentType: 'application/json' } },
    handler: (_input, _req, res) => {
      document ??= buildOpenApiDocument(apiRoutes(), ctx.version);
      res.json(document);
    },
  });

  return [anyRoute(metrics), anyRoute(openapi)];
}
