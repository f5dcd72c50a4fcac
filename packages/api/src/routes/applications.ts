import { JobSearchError, type MatchDetail } from '@jobsearchai/core';
import type { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { anyRoute, defineRoute, type AnyApiRoute } from '../http/api-route.js';
import {
  ZApplication,
  ZApplicationBoard,
  ZApplicationBoardQuery,
  ZSetApplicationBody,
} from '../schemas/applications.js';
import { ZIdParams } from '../schemas/common.js';

const POSTING_NOTE =
  'A status belongs to the posting (the job URL) for the match’s CV: every search term that found it shows the same status.';

export function applicationRoutes(ctx: AppContext): AnyApiRoute[] {
  const read = defineRoute({
    method: 'get',
    path: '/api/matches/:id/application',
    operationId: 'getApplication',
    tag: 'applications',
    summary: 'The application status, notes and history of the posting this match evaluated.',
    description: POSTING_NOTE,
    params: ZIdParams,
    responses: {
      200: { description: 'The application (MATCHED without notes when untracked).', schema: ZApplication },
      404: { description: 'No match has this id.' },
    },
    handler: async ({ params }, _req, res) => {
      const match = await matchOf(ctx, params.id);
      const application = await ctx.store.getApplication({ jobUrl: match.jobUrl, cvKey: match.cvKey });
      if (!application) throw missing(params.id);
      const body: z.input<typeof ZApplication> = application;
      res.json(body);
    },
  });

  const write = defineRoute({
    method: 'put',
    path: '/api/matches/:id/application',
    operationId: 'setApplication',
    tag: 'applications',
    summary: 'Set the application status (and notes) of the posting this match evaluated.',
    description: `Needs Authorization: Bearer <API_TOKEN>. ${POSTING_NOTE} Each change is kept in the history. Send expectedUpdatedAt to be told (409) when someone else changed the posting since you read it.`,
    params: ZIdParams,
    body: ZSetApplicationBody,
    responses: {
      200: { description: 'The application as stored now.', schema: ZApplication },
      400: { description: 'Invalid body: an unknown status (the detail lists the valid ones), notes too long.' },
      401: { description: 'No or malformed Authorization header.' },
      403: { description: 'Wrong token, or a write from another machine to a server without API_TOKEN.' },
      404: { description: 'No match has this id.' },
      409: {
        description:
          'expectedUpdatedAt is stale: the posting changed since it was read. `details` holds its current status, notes and updatedAt.',
      },
    },
    handler: async ({ params, body }, _req, res) => {
      const match = await matchOf(ctx, params.id);
      const application = await ctx.store.setApplication({
        jobUrl: match.jobUrl,
        cvKey: match.cvKey,
        status: body.status,
        notes: body.notes,
        expectedUpdatedAt: body.expectedUpdatedAt,
      });
      const response: z.input<typeof ZApplication> = application;
      res.json(response);
    },
  });

  const board = defineRoute({
    method: 'get',
    path: '/api/applications',
    operationId: 'listApplicationBoard',
    tag: 'applications',
    summary: 'The application board: a column of postings per status.',
    description:
      'One card per posting (job URL and CV). Every tracked posting is listed; MATCHED (untracked) is limited to the best-scored matched_limit, with the total count.',
    query: ZApplicationBoardQuery,
    responses: { 200: { description: 'The board.', schema: ZApplicationBoard } },
    handler: async ({ query }, _req, res) => {
      const result = await ctx.store.listApplicationBoard({ cvKey: query.cv_key, matchedLimit: query.matched_limit });
      const body: z.input<typeof ZApplicationBoard> = result;
      res.json(body);
    },
  });

  return [anyRoute(board), anyRoute(read), anyRoute(write)];
}

async function matchOf(ctx: AppContext, id: number): Promise<MatchDetail> {
  const match = await ctx.store.getMatch(id);
  if (!match) throw missing(id);
  return match;
}

function missing(id: number): JobSearchError {
  return new JobSearchError('NOT_FOUND', `Match ${id} does not exist.`);
}
