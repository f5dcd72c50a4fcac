import type { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { anyRoute, defineRoute, type AnyApiRoute } from '../http/api-route.js';
import { ZCvVersionsResponse, ZSearchTermsResponse } from '../schemas/catalog.js';

export function catalogRoutes(ctx: AppContext): AnyApiRoute[] {
  const searchTerms = defineRoute({
    method: 'get',
    path: '/api/search-terms',
    operationId: 'listSearchTerms',
    tag: 'matches',
    summary: 'Search terms with their number of matches, for the filter menu.',
    responses: {
      200: { description: 'Every search term with matches, alphabetically.', schema: ZSearchTermsResponse },
    },
    handler: async (_input, _req, res) => {
      const body: z.input<typeof ZSearchTermsResponse> = { items: await ctx.store.listSearchTerms() };
      res.json(body);
    },
  });

  const cvVersions = defineRoute({
    method: 'get',
    path: '/api/cv-versions',
    operationId: 'listCvVersions',
    tag: 'matches',
    summary: 'CV versions (by cv_key), newest first, with their number of evaluations.',
    responses: {
      200: { description: 'Every CV known from cv_versions or from matches.', schema: ZCvVersionsResponse },
    },
    handler: async (_input, _req, res) => {
      const body: z.input<typeof ZCvVersionsResponse> = { items: await ctx.store.listCvVersions() };
      res.json(body);
    },
  });

  return [anyRoute(searchTerms), anyRoute(cvVersions)];
}
