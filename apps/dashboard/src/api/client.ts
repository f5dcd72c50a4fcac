/**
 * The dashboard's only way to the REST API. Requests and responses are the API's own contract,
 * inferred from the zod schemas its routes validate with; imported as types only, so the browser
 * bundle holds no server code.
 */
import type {
  Application,
  ApplicationBoard,
  ApplicationBoardQuery,
  AlertList,
  CreateScheduleBody,
  CvVersionsResponse,
  ListMatchesQuery,
  ListRunsQuery,
  MatchDetailResponse,
  MatchPage,
  RunDetail,
  RunsPage,
  Schedule,
  SetApplicationBody,
  ScheduleList,
  SearchTermsResponse,
  StartRunBody,
  StartRunResponse,
  StatsResponse,
  UpdateScheduleBody,
} from '@jobsearchai/api/contract';

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
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
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
  // 204 No Content (a deletion) has no body to read.
  return (response.status === 204 ? undefined : await response.json()) as T;
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
  matches: (query: ListMatchesQuery, signal?: AbortSignal) =>
    request<MatchPage>(`/api/matches${queryString(query)}`, { signal }),
  match: (id: number, signal?: AbortSignal) => request<MatchDetailResponse>(`/api/matches/${id}`, { signal }),
  searchTerms: (signal?: AbortSignal) => request<SearchTermsResponse>('/api/search-terms', { signal }),
  cvVersions: (signal?: AbortSignal) => request<CvVersionsResponse>('/api/cv-versions', { signal }),
  stats: (signal?: AbortSignal) => request<StatsResponse>('/api/stats', { signal }),
  runs: (query: ListRunsQuery, signal?: AbortSignal) => request<RunsPage>(`/api/runs${queryString(query)}`, { signal }),
  run: (id: number, signal?: AbortSignal) => request<RunDetail>(`/api/runs/${id}`, { signal }),
  startRun: (input: StartRunBody, token: string) =>
    request<StartRunResponse>('/api/runs', { method: 'POST', body: input, token }),
  schedules: (signal?: AbortSignal) => request<ScheduleList>('/api/schedules', { signal }),
  /** The newest alerts on strong matches, with how their delivery went. */
  alerts: (signal?: AbortSignal) => request<AlertList>('/api/alerts?limit=200', { signal }),
  createSchedule: (input: CreateScheduleBody, token: string) =>
    request<Schedule>('/api/schedules', { method: 'POST', body: input, token }),
  updateSchedule: (id: number, input: UpdateScheduleBody, token: string) =>
    request<Schedule>(`/api/schedules/${id}`, { method: 'PATCH', body: input, token }),
  application: (matchId: number, signal?: AbortSignal) =>
    request<Application>(`/api/matches/${matchId}/application`, { signal }),
  setApplication: (matchId: number, input: SetApplicationBody, token: string) =>
    request<Application>(`/api/matches/${matchId}/application`, { method: 'PUT', body: input, token }),
  applicationBoard: (query: ApplicationBoardQuery, signal?: AbortSignal) =>
    request<ApplicationBoard>(`/api/applications${queryString(query)}`, { signal }),
  deleteSchedule: (id: number, token: string) => request<void>(`/api/schedules/${id}`, { method: 'DELETE', token }),
};
