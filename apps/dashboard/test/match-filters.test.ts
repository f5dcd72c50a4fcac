import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  DEFAULT_FILTERS,
  filtersToParams,
  isCalendarDay,
  parseFilters,
  toMatchQuery,
  type MatchFilters,
} from '../src/lib/match-filters';

const parse = (query: string) => parseFilters(new URLSearchParams(query));

describe('URL → filters', () => {
  it('gives the legacy defaults for an empty query: 6/10 and up, evaluated, best first, 50 a page', () => {
    expect(parse('')).toEqual({ filters: DEFAULT_FILTERS, cursor: '' });
    expect(DEFAULT_FILTERS).toMatchObject({ minScore: 6, status: 'evaluated', sort: 'score_desc', limit: 50 });
  });

  it('reads every filter', () => {
    const { filters, cursor } = parse(
      'search_term=IT-typ-festanstellung&cv_key=A1B2C3D4E5F60718&min_score=8&location=St.+Gallen&q=data%20engineer&date_from=2026-11-01&date_to=2026-11-30&status=all&application_status=interview&hide_closed=true&sort=company_asc&limit=100&cursor=abc',
    );
    expect(filters).toEqual<MatchFilters>({
      searchTerm: 'IT-typ-festanstellung',
      cvKey: 'a1b2c3d4e5f60718',
      minScore: 8,
      location: 'St. Gallen',
      q: 'data engineer',
      dateFrom: '2026-11-01',
      dateTo: '2026-11-30',
      status: 'all',
      applicationStatus: 'INTERVIEW',
      hideClosed: true,
      sort: 'company_asc',
      limit: 100,
    });
    expect(cursor).toBe('abc');
  });

  it('falls back to the defaults for values the API would refuse, instead of breaking a bookmark', () => {
    const { filters } = parse(
      'cv_key=xyz&min_score=11&status=maybe&sort=random&limit=500&date_from=2026-02-30&date_to=tomorrow&application_status=SENT&hide_closed=1',
    );
    expect(filters).toEqual(DEFAULT_FILTERS);
    expect(parse('min_score=-1').filters.minScore).toBe(6);
    expect(parse('min_score=2.5').filters.minScore).toBe(6);
    expect(parse('min_score=0').filters.minScore).toBe(0);
    expect(parse('limit=0').filters.limit).toBe(50);
  });

  it('drops an end date before the start date', () => {
    expect(parse('date_from=2026-11-10&date_to=2026-11-01').filters).toMatchObject({
      dateFrom: '2026-11-10',
      dateTo: '',
    });
  });

  it('trims text and caps it at 200 characters', () => {
    expect(parse(`q=${encodeURIComponent('  zürich  ')}`).filters.q).toBe('zürich');
    expect(parse(`location=${'x'.repeat(300)}`).filters.location).toHaveLength(200);
  });
});

describe('filters → URL', () => {
  it('leaves defaults out, so the plain page has a plain URL', () => {
    expect(filtersToParams(DEFAULT_FILTERS).toString()).toBe('');
    expect(filtersToParams({ ...DEFAULT_FILTERS, minScore: 0 }).toString()).toBe('min_score=0');
  });

  it('round-trips every filter and the cursor', () => {
    const filters: MatchFilters = {
      searchTerm: 'analyst',
      cvKey: 'ffffffffffffffff',
      minScore: 3,
      location: 'Wil SG',
      q: 'C# & .NET',
      dateFrom: '2026-01-01',
      dateTo: '2026-12-31',
      status: 'failed',
      applicationStatus: 'APPLIED',
      hideClosed: true,
      sort: 'date_asc',
      limit: 25,
    };
    const params = filtersToParams(filters, 'cursor/with+special=chars');
    expect(parseFilters(new URLSearchParams(params.toString()))).toEqual({
      filters,
      cursor: 'cursor/with+special=chars',
    });
  });

  it('omits blank text', () => {
    expect(filtersToParams({ ...DEFAULT_FILTERS, q: '   ', location: '' }).toString()).toBe('');
  });
});

describe('filters → API query', () => {
  it('uses the API parameter names and sends only what is set', () => {
    expect(toMatchQuery(DEFAULT_FILTERS)).toEqual({ min_score: 6, status: 'evaluated', sort: 'score_desc', limit: 50 });
    expect(toMatchQuery({ ...DEFAULT_FILTERS, searchTerm: 'IT', q: ' java ', dateFrom: '2026-11-01' }, 'c1')).toEqual({
      min_score: 6,
      status: 'evaluated',
      sort: 'score_desc',
      limit: 50,
      search_term: 'IT',
      q: 'java',
      date_from: '2026-11-01',
      cursor: 'c1',
    });
    expect(toMatchQuery({ ...DEFAULT_FILTERS, applicationStatus: 'OFFER', hideClosed: true })).toMatchObject({
      application_status: ['OFFER'],
      hide_closed: true,
    });
  });
});

describe('isCalendarDay', () => {
  it('accepts real days only', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('26-11-01')).toBe(false);
  });
});

describe('activeFilterCount', () => {
  it('counts the filters that differ from the defaults, not sort or page size', () => {
    expect(activeFilterCount(DEFAULT_FILTERS)).toBe(0);
    expect(activeFilterCount({ ...DEFAULT_FILTERS, sort: 'date_desc', limit: 200, q: '  ' })).toBe(0);
    expect(activeFilterCount({ ...DEFAULT_FILTERS, minScore: 0, searchTerm: 'IT', dateTo: '2026-11-01' })).toBe(3);
    expect(activeFilterCount({ ...DEFAULT_FILTERS, applicationStatus: 'APPLIED', hideClosed: true })).toBe(2);
  });
});
