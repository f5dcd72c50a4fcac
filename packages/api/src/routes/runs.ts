import { JobSearchError, type RunRecord } from '@jobsearchai/core';
import type { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { anyRoute, defineRoute, type AnyApiRoute } from '../http/api-route.js';
import { HttpProblem } from '../http/problem.js';
import { resolveCvFile } from '../searches/cv-file.js';
import { ZIdParams } from '../schemas/common.js';
import { ZListRunsQuery, ZRunDetailResponse, ZRunsPage, ZStartRunBody, ZStartRunResponse } from '../schemas/runs.js';

export function runRoutes(ctx: AppContext): AnyApiRoute[] {
  const list = defineRoute({
    method: 'get',
    path: '/api/runs',
    operationId: 'listRuns',
    tag: 'runs',
    summary: 'Search runs, newest first, with their counters.',
    query: ZListRunsQuery,
    responses: { 200: { description: 'One page of runs.', schema: ZRunsPage } },
    handler: async ({ query }, _req, res) => {
      const rows = await ctx.store.listRuns({
        searchTerm: query.search_term,
        cvKey: query.cv_key,
        status: query.status,
        limit: query.limit + 1,
        beforeId: query.cursor === undefined ? undefined : Number(query.cursor),
      });
      const items = rows.slice(0, query.limit).map((run) => live(ctx, run));
      const body: z.input<typeof ZRunsPage> = {
        items,
        nextCursor: rows.length > query.limit ? String(items.at(-1)!.id) : null,
      };
      res.json(body);
    },
  });

  const detail = defineRoute({
    method: 'get',
    path: '/api/runs/:id',
    operationId: 'getRun',
    tag: 'runs',
    summary: 'One run: its status, counters (updated while it runs) and how it ended.',
    params: ZIdParams,
    responses: {
      200: { description: 'The run.', schema: ZRunDetailResponse },
      404: { description: 'No run has this id.' },
    },
    handler: async ({ params }, _req, res) => {
      const run = await ctx.store.getRun(params.id);
      if (!run) throw new JobSearchError('NOT_FOUND', `Search run ${params.id} does not exist.`);
      const body: z.input<typeof ZRunDetailResponse> = { ...live(ctx, run), active: ctx.searches.isActive(run.id) };
      res.json(body);
    },
  });

  const start = defineRoute({
    method: 'post',
    path: '/api/runs',
    operationId: 'startRun',
    tag: 'runs',
    summary: 'Start a search run in the background.',
    description:
      'Needs Authorization: Bearer <API_TOKEN> (or, on a server without a token, a client on the same machine). One run per (search_term, cv_key) at a time, across every process that shares the database.',
    body: ZStartRunBody,
    responses: {
      202: {
        description: 'Started; follow the Location header to watch its progress.',
        schema: ZStartRunResponse,
        headers: { Location: 'The run: /api/runs/{id}' },
      },
      400: { description: 'Invalid body, unknown CV or unreadable CV file.' },
      401: { description: 'No or malformed Authorization header.' },
      403: { description: 'Wrong token, or a write from another machine to a server without API_TOKEN.' },
      409: { description: 'A run for the same search term and CV is already running.' },
      502: {
        description:
          "The LLM failed while summarising a new CV (code LLM_ERROR; the detail names the error and the server's OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL to check). No run was started.",
      },
      503: { description: 'The server is shutting down.' },
      415: { description: 'The body is not JSON.' },
    },
    handler: async ({ body }, _req, res) => {
      if (ctx.searches.closing)
        throw new HttpProblem(
          503,
          'SHUTTING_DOWN',
          'The server is shutting down and starts no new searches; retry on another instance or after the restart.',
        );
      const cv =
        body.cv_path !== undefined
          ? { path: await resolveCvFile(ctx.config.cvDir, body.cv_path) }
          : { cvKey: body.cv_key! };
      const run = await ctx.searches.start({
        searchTerm: body.search_term,
        cv,
        maxPages: body.max_pages,
        ...(body.llm_call_budget === undefined ? {} : { llmCallBudget: body.llm_call_budget }),
        source: body.source ?? ctx.config.defaultSource,
        serviceTier: body.service_tier ?? ctx.config.core.OPENAI_SERVICE_TIER,
      });
      const response: z.input<typeof ZStartRunResponse> = { id: run.id, run };
      res.status(202).location(`/api/runs/${run.id}`).json(response);
    },
  });

  return [anyRoute(list), anyRoute(detail), anyRoute(start)];
}

/** A run of this process shows its newest counters, which reach the database once per page. */
function live(ctx: AppContext, run: RunRecord): RunRecord {
  const counters = run.status === 'running' ? ctx.searches.liveCounters(run.id) : undefined;
  return counters ? { ...run, ...counters } : run;
}
