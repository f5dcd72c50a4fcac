import { describe, expect, it } from 'vitest';
import type { ListMatchesQuery, MatchListItem, MatchPage } from '@jobsearchai/api/contract';
import { fetchAllMatches } from '../src/lib/export-matches';

const item = (id: number) => ({ id }) as MatchListItem;

/** A list of `total` rows served in pages of the requested size, recording each request. */
function pagedList(total: number) {
  const requests: ListMatchesQuery[] = [];
  const fetchPage = async (query: ListMatchesQuery): Promise<MatchPage> => {
    requests.push(query);
    const start = query.cursor ? Number(query.cursor) : 0;
    const limit = query.limit ?? 50;
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - start)) }, (_, i) => item(start + i + 1));
    return { items, nextCursor: start + limit < total ? String(start + limit) : null };
  };
  return { requests, fetchPage };
}

describe('fetchAllMatches', () => {
  it('reads every page with the same filters from the first page on, whatever page the view is on', async () => {
    const list = pagedList(450);
    const result = await fetchAllMatches(list.fetchPage, {
      search_term: 'IT',
      hide_closed: true,
      sort: 'date_desc',
      limit: 25,
      cursor: '300',
    });
    expect(result.items.map((m) => m.id)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
    expect(result.truncated).toBe(false);
    expect(list.requests).toEqual([
      { search_term: 'IT', hide_closed: true, sort: 'date_desc', limit: 200 },
      { search_term: 'IT', hide_closed: true, sort: 'date_desc', limit: 200, cursor: '200' },
      { search_term: 'IT', hide_closed: true, sort: 'date_desc', limit: 200, cursor: '400' },
    ]);
  });

  it('stops at the row cap and says so', async () => {
    const result = await fetchAllMatches(pagedList(1000).fetchPage, {}, 300);
    expect(result.items).toHaveLength(300);
    expect(result.truncated).toBe(true);
  });
});
