/** A JSON (or problem+json) answer of the API. */
export interface JsonAnswer<T> {
  status: number;
  contentType: string;
  body: T;
}

export async function getJson<T = Record<string, unknown>>(url: string): Promise<JsonAnswer<T>> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    throw new Error(`GET ${url} answered ${response.status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
}

/** GET that must answer 200; the body otherwise explains why it did not. */
export async function getOk<T = Record<string, unknown>>(url: string): Promise<T> {
  const answer = await getJson<T>(url);
  if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Every match of a filter, following the cursor (the API pages at 200 at most). */
export async function allMatches<T = MatchItem>(apiUrl: string, query: Record<string, string>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ ...query, limit: '200', ...(cursor ? { cursor } : {}) });
    const page: { items: T[]; nextCursor: string | null } = await getOk(`${apiUrl}/api/matches?${params}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** The fields of GET /api/matches items the tests look at. */
export interface MatchItem {
  id: number;
  jobUrl: string;
  searchTerm: string;
  cvKey: string;
  jobTitle: string | null;
  overallMatch: number | null;
  evaluationStatus: 'evaluated' | 'failed';
  matcher: string | null;
  model: string | null;
  runId: number | null;
  source: string | null;
  matchedAt: string | null;
}
