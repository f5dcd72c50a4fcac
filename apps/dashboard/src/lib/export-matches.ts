import type { ListMatchesQuery, MatchListItem, MatchPage } from '@jobsearchai/api/contract';

/** The export stops here: a spreadsheet of more postings is not what a job seeker needs. */
export const MAX_EXPORT_ROWS = 10_000;
const EXPORT_PAGE_SIZE = 200;

export interface ExportedMatches {
  items: MatchListItem[];
  /** More rows matched than MAX_EXPORT_ROWS. */
  truncated: boolean;
}

/**
 * Every row of the list for these filters and this sort, from the first page on (whatever page
 * the user is on), read page by page through the same cursor the list uses.
 */
export async function fetchAllMatches(
  fetchPage: (query: ListMatchesQuery) => Promise<MatchPage>,
  query: ListMatchesQuery,
  maxRows: number = MAX_EXPORT_ROWS,
): Promise<ExportedMatches> {
  const { cursor: _page, ...filters } = query;
  const items: MatchListItem[] = [];
  let cursor: string | null = null;
  do {
    const page: MatchPage = await fetchPage({ ...filters, limit: EXPORT_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < maxRows);
  return { items: items.slice(0, maxRows), truncated: items.length > maxRows || cursor !== null };
}
