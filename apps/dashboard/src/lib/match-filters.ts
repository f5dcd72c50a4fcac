import type { ApplicationStatus, ListMatchesQuery, MatchSort } from '@jobsearchai/api/contract';
import { isApplicationStatus } from './application-status';

/**
 * The Matches view's state lives in the URL query so a view can be bookmarked and shared. Parsing
 * is forgiving: a hand-edited or outdated link falls back to the defaults instead of failing.
 */

export type StatusFilter = NonNullable<ListMatchesQuery['status']>;

export interface MatchFilters {
  searchTerm: string;
  cvKey: string;
  minScore: number;
  location: string;
  q: string;
  dateFrom: string;
  dateTo: string;
  status: StatusFilter;
  /** One tracker status, or '' for any. */
  applicationStatus: ApplicationStatus | '';
  /** Leave out rejected and archived postings. */
  hideClosed: boolean;
  sort: MatchSort;
  limit: number;
}

export const SORT_LABELS: Record<MatchSort, string> = {
  score_desc: 'Score, highest first',
  score_asc: 'Score, lowest first',
  date_desc: 'Date matched, newest first',
  date_asc: 'Date matched, oldest first',
  company_asc: 'Company, A–Z',
  title_asc: 'Title, A–Z',
};

export const STATUS_LABELS: Record<StatusFilter, string> = {
  evaluated: 'Evaluated',
  failed: 'Failed evaluations',
  all: 'All',
};

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const MAX_PAGE_SIZE = 200;
export const MAX_TEXT_LENGTH = 200;

/** The legacy page showed matches from 6/10 up, 50 a page, best first. */
export const DEFAULT_FILTERS: MatchFilters = {
  searchTerm: '',
  cvKey: '',
  minScore: 6,
  location: '',
  q: '',
  dateFrom: '',
  dateTo: '',
  status: 'evaluated',
  applicationStatus: '',
  hideClosed: false,
  sort: 'score_desc',
  limit: 50,
};

const CV_KEY = /^[0-9a-f]{16}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

function intIn(text: string | null, min: number, max: number): number | undefined {
  if (text === null || !/^\d{1,4}$/.test(text.trim())) return undefined;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : undefined;
}

function text(params: URLSearchParams, name: string): string {
  return (params.get(name) ?? '').trim().slice(0, MAX_TEXT_LENGTH);
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function applicationStatusParam(value: string | null): ApplicationStatus | '' {
  const upper = (value ?? '').trim().toUpperCase();
  return isApplicationStatus(upper) ? upper : '';
}

export function parseFilters(params: URLSearchParams): { filters: MatchFilters; cursor: string } {
  const cvKey = text(params, 'cv_key').toLowerCase();
  const dateFrom = text(params, 'date_from');
  let dateTo = text(params, 'date_to');
  const from = isCalendarDay(dateFrom) ? dateFrom : '';
  if (!isCalendarDay(dateTo) || (from && dateTo < from)) dateTo = '';
  const filters: MatchFilters = {
    searchTerm: text(params, 'search_term'),
    cvKey: CV_KEY.test(cvKey) ? cvKey : '',
    minScore: intIn(params.get('min_score'), 0, 10) ?? DEFAULT_FILTERS.minScore,
    location: text(params, 'location'),
    q: text(params, 'q'),
    dateFrom: from,
    dateTo,
    status: oneOf(params.get('status'), Object.keys(STATUS_LABELS) as StatusFilter[], DEFAULT_FILTERS.status),
    applicationStatus: applicationStatusParam(params.get('application_status')),
    hideClosed: params.get('hide_closed') === 'true',
    sort: oneOf(params.get('sort'), Object.keys(SORT_LABELS) as MatchSort[], DEFAULT_FILTERS.sort),
    limit: intIn(params.get('limit'), 1, MAX_PAGE_SIZE) ?? DEFAULT_FILTERS.limit,
  };
  return { filters, cursor: (params.get('cursor') ?? '').slice(0, 1000) };
}

/** Only values that differ from the defaults go into the URL, in a stable order. */
export function filtersToParams(filters: MatchFilters, cursor = ''): URLSearchParams {
  const params = new URLSearchParams();
  const set = (name: string, value: string | number, fallback: string | number) => {
    const clean = typeof value === 'string' ? value.trim() : value;
    if (clean !== fallback && clean !== '') params.set(name, String(clean));
  };
  set('search_term', filters.searchTerm, DEFAULT_FILTERS.searchTerm);
  set('cv_key', filters.cvKey, DEFAULT_FILTERS.cvKey);
  set('min_score', filters.minScore, DEFAULT_FILTERS.minScore);
  set('location', filters.location, DEFAULT_FILTERS.location);
  set('q', filters.q, DEFAULT_FILTERS.q);
  set('date_from', filters.dateFrom, DEFAULT_FILTERS.dateFrom);
  set('date_to', filters.dateTo, DEFAULT_FILTERS.dateTo);
  set('status', filters.status, DEFAULT_FILTERS.status);
  set('application_status', filters.applicationStatus, DEFAULT_FILTERS.applicationStatus);
  if (filters.hideClosed) params.set('hide_closed', 'true');
  set('sort', filters.sort, DEFAULT_FILTERS.sort);
  set('limit', filters.limit, DEFAULT_FILTERS.limit);
  if (cursor) params.set('cursor', cursor);
  return params;
}

/** The request the API receives for these filters (its parameter names, blanks left out). */
export function toMatchQuery(filters: MatchFilters, cursor = ''): ListMatchesQuery {
  const query: ListMatchesQuery = {
    min_score: filters.minScore,
    status: filters.status,
    sort: filters.sort,
    limit: filters.limit,
  };
  if (filters.searchTerm) query.search_term = filters.searchTerm;
  if (filters.cvKey) query.cv_key = filters.cvKey;
  if (filters.location.trim()) query.location = filters.location.trim();
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.dateFrom) query.date_from = filters.dateFrom;
  if (filters.dateTo) query.date_to = filters.dateTo;
  if (filters.applicationStatus) query.application_status = [filters.applicationStatus];
  if (filters.hideClosed) query.hide_closed = true;
  if (cursor) query.cursor = cursor;
  return query;
}

/** How many filters narrow the list compared with the defaults (sort and page size are not filters). */
export function activeFilterCount(filters: MatchFilters): number {
  const keys = [
    'searchTerm',
    'cvKey',
    'minScore',
    'location',
    'q',
    'dateFrom',
    'dateTo',
    'status',
    'applicationStatus',
    'hideClosed',
  ] as const;
  return keys.filter((key) => {
    const value = filters[key];
    return (typeof value === 'string' ? value.trim() : value) !== DEFAULT_FILTERS[key];
  }).length;
}
