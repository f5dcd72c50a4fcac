import { JobSearchError, type MatchDetail, type MatchListRow, type MatchRecord } from '@jobsearchai/core';
import type { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { anyRoute, defineRoute, type AnyApiRoute } from '../http/api-route.js';
import { ZIdParams } from '../schemas/common.js';
import {
  ZListMatchesQuery,
  ZMatchDetailResponse,
  ZMatchPage,
  type TListMatchesQuery,
  type TMatchListItem,
} from '../schemas/matches.js';

export function matchRoutes(ctx: AppContext): AnyApiRoute[] {
  const list = defineRoute({
    method: 'get',
    path: '/api/matches',
    operationId: 'listMatches',
    tag: 'matches',
    summary:
      'Evaluated postings, one row per posting and CV, filtered, sorted and paginated with a cursor (without the reasoning text: see GET /api/matches/{id}).',
    description:
      'The filters select evaluations; a posting (URL + CV) is listed once when one of its evaluations matches, represented by the best-scored matching one (ties: the lowest id), with its search terms, evaluation count and application status. Pages are stable while new matches are stored: pass nextCursor back as cursor with the same filters and sort (evaluations stored after the first page appear on the next listing).',
    query: ZListMatchesQuery,
    responses: { 200: { description: 'One page of matches.', schema: ZMatchPage } },
    handler: async ({ query }, _req, res) => {
      const page = await ctx.store.listMatches(toFilter(query));
      const body: z.input<typeof ZMatchPage> = { items: page.items.map(withoutReasoning), nextCursor: page.nextCursor };
      res.json(body);
    },
  });

  const detail = defineRoute({
    method: 'get',
    path: '/api/matches/:id',
    operationId: 'getMatch',
    tag: 'matches',
    summary: 'One evaluation with the scraped posting, and the other evaluations of the same posting.',
    params: ZIdParams,
    responses: {
      200: { description: 'The match.', schema: ZMatchDetailResponse },
      404: { description: 'No match has this id.' },
    },
    handler: async ({ params }, _req, res) => {
      const match = await ctx.store.getMatch(params.id);
      if (!match) throw new JobSearchError('NOT_FOUND', `Match ${params.id} does not exist.`);
      const others = (await ctx.store.getMatchesByUrl(match.jobUrl))
        .filter((other) => other.id !== match.id)
        .map(withoutScrapedData);
      const body: z.input<typeof ZMatchDetailResponse> = { match, otherEvaluations: others };
      res.json(body);
    },
  });

  return [anyRoute(list), anyRoute(detail)];
}

function toFilter(query: TListMatchesQuery) {
  return {
    searchTerm: query.search_term,
    cvKey: query.cv_key,
    minScore: query.min_score,
    maxScore: query.max_score,
    q: query.q,
    location: query.location,
    dateFrom: query.date_from,
    dateTo: query.date_to,
    status: query.status,
    applicationStatuses: query.application_status,
    hideClosed: query.hide_closed,
    sort: query.sort,
    limit: query.limit,
    cursor: query.cursor,
  };
}

function withoutReasoning(record: MatchListRow): TMatchListItem {
  const { reasoning: _omitted, ...item } = record;
  return item;
}

function withoutScrapedData(detail: MatchDetail): MatchRecord {
  const { scrapedData: _omitted, ...record } = detail;
  return record;
}
