/**
 * The dashboard's only way to the REST API. The types mirror the API's JSON (the camelCase DTOs of
 * @jobsearchai/core); they are restated here because the browser bundle must not import server code.
 */

export type EvaluationStatus = 'evaluated' | 'failed';
export type MatchSort = 'score_desc' | 'score_asc' | 'date_desc' | 'date_asc' | 'company_asc' | 'title_asc';
export type RunStatus = 'running' | 'completed' | 'failed' | 'interrupted' | 'cancelled';

export interface MatchRecord {
  id: number;
  jobUrl: string;
  searchTerm: string;
  cvKey: string;
  jobTitle: string | null;
  companyName: string | null;
  location: string | null;
  postingDate: string | null;
  salaryRange: string | null;
  overallMatch: number | null;
  skillsMatch: number | null;
  experienceMatch: number | null;
  educationFit: number | null;
  careerTrajectoryAlignment: number | null;
  preferenceMatch: number | null;
  potentialSatisfaction: number | null;
  locationCompatibility: string | null;
  reasoning: string | null;
  evaluationStatus: EvaluationStatus;
  matcher: string | null;
  model: string | null;
  runId: number | null;
  source: string | null;
  scrapedAt: string | null;
  matchedAt: string | null;
  updatedAt: string | null;
}

export interface MatchDetail extends MatchRecord {
  scrapedData: unknown;
}

export interface MatchPage {
  items: MatchRecord[];
  nextCursor: string | null;
}

export interface MatchDetailResponse {
  match: MatchDetail;
  otherEvaluations: MatchRecord[];
}

export interface SearchTermSummary {
  searchTerm: string;
  matches: number;
  cvKeys: number;
  lastMatchedAt: string | null;
}

export interface CvVersionRecord {
  cvKey: string;
  fileName: string;
  filePath: string;
  fileHash: string;
  uploadDate: string | null;
  summary: string | null;
  metadata: unknown;
  hasText: boolean;
  evaluations: number;
}

export interface RunCounters {
  pagesScraped: number;
  pagesSaved: number;
  postingsSeen: number;
  postingsNew: number;
  postingsDuplicate: number;
  postingsReused: number;
  llmCalls: number;
  llmFailed: number;
  llmSaved: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  costSavedUsd: number;
}

export interface RunRecord extends RunCounters {
  id: number;
  searchTerm: string;
  cvKey: string;
  source: string;
  matcher: string;
  model: string | null;
  maxPages: number;
  status: RunStatus;
  stopReason: string | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

export interface RunDetail extends RunRecord {
  /** Running in the serving process, so its counters move while pages are scraped. */
  active?: boolean;
}

export interface RunsPage {
  items: RunRecord[];
  nextCursor: string | null;
}

export interface StatsCounters extends RunCounters {
  runs: number;
  duplicateRate?: number | null;
  llmSavedRate?: number | null;
}

export interface StatsDay extends StatsCounters {
  day: string;
}

export interface StatsResponse {
  totals: StatsCounters;
  days: StatsDay[];
  database?: {
    matches: number;
    failedEvaluations: number;
    cvVersions: number;
    searchRuns: number;
    legacyImports: number;
  };
}

export interface MatchQuery {
  search_term?: string;
  cv_key?: string;
  min_score?: number;
  max_score?: number;
  q?: string;
  location?: string;
  date_from?: string;
  date_to?: string;
  status?: EvaluationStatus | 'all';
  sort?: MatchSort;
  limit?: number;
  cursor?: string;
}

export interface StartRunInput {
  search_term: string;
  cv_path?: string;
  cv_key?: string;
  max_pages: number;
}

/** An RFC 9457 problem (or a network failure, status 0) as the views show it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly requestId: string | null = null,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

interface RequestOptions {
  signal?: AbortSignal | undefined;
  method?: 'GET' | 'POST';
  body?: unknown;
  token?: string | undefined;
}

async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'The API did not answer. Is `jobsearch-api serve` running?');
  }
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as T;
}

async function problemOf(response: Response): Promise<ApiError> {
  const requestId = response.headers.get('X-Request-Id');
  let body: Record<string, unknown> | null = null;
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page, say): the status line is all there is.
  }
  const detail = typeof body?.detail === 'string' ? body.detail : `${response.status} ${response.statusText}`.trim();
  const code = typeof body?.code === 'string' ? body.code : `HTTP_${response.status}`;
  const id = typeof body?.requestId === 'string' ? body.requestId : requestId;
  return new ApiError(response.status, code, detail, id, body ?? {});
}

export function queryString(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const api = {
  matches: (query: MatchQuery, signal?: AbortSignal) => request<MatchPage>(`/api/matches${queryString(query)}`, { signal }),
  match: (id: number, signal?: AbortSignal) => request<MatchDetailResponse>(`/api/matches/${id}`, { signal }),
  searchTerms: (signal?: AbortSignal) => request<{ items: SearchTermSummary[] }>('/api/search-terms', { signal }),
  cvVersions: (signal?: AbortSignal) => request<{ items: CvVersionRecord[] }>('/api/cv-versions', { signal }),
  stats: (signal?: AbortSignal) => request<StatsResponse>('/api/stats', { signal }),
  runs: (query: { limit?: number; cursor?: string }, signal?: AbortSignal) => request<RunsPage>(`/api/runs${queryString(query)}`, { signal }),
  run: (id: number, signal?: AbortSignal) => request<RunDetail>(`/api/runs/${id}`, { signal }),
  startRun: (input: StartRunInput, token: string) => request<{ id: number }>('/api/runs', { method: 'POST', body: input, token }),
};
