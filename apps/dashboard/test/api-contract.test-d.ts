/**
 * The dashboard speaks the API's contract (@jobsearchai/api/contract, built from the route
 * schemas): checked by `tsc` (the typecheck task) and `vitest --typecheck`. A schema change the
 * dashboard would mishandle fails here or where a view uses the field.
 */
import type * as Contract from '@jobsearchai/api/contract';
import { describe, expectTypeOf, it } from 'vitest';
import { api } from '../src/api/client';
import { STATUS_LABELS, STATUS_ORDER } from '../src/lib/application-status';
import { toMatchQuery, type MatchFilters } from '../src/lib/match-filters';

describe('the dashboard client', () => {
  it("sends the API's request types and expects its response types", () => {
    expectTypeOf(api.matches).parameter(0).toEqualTypeOf<Contract.ListMatchesQuery>();
    expectTypeOf(api.matches).returns.resolves.toEqualTypeOf<Contract.MatchPage>();
    expectTypeOf(api.match).returns.resolves.toEqualTypeOf<Contract.MatchDetailResponse>();
    expectTypeOf(api.searchTerms).returns.resolves.toEqualTypeOf<Contract.SearchTermsResponse>();
    expectTypeOf(api.cvVersions).returns.resolves.toEqualTypeOf<Contract.CvVersionsResponse>();
    expectTypeOf(api.stats).returns.resolves.toEqualTypeOf<Contract.StatsResponse>();
    expectTypeOf(api.runs).parameter(0).toEqualTypeOf<Contract.ListRunsQuery>();
    expectTypeOf(api.runs).returns.resolves.toEqualTypeOf<Contract.RunsPage>();
    expectTypeOf(api.run).returns.resolves.toEqualTypeOf<Contract.RunDetail>();
    expectTypeOf(api.startRun).parameter(0).toEqualTypeOf<Contract.StartRunBody>();
    expectTypeOf(api.startRun).returns.resolves.toEqualTypeOf<Contract.StartRunResponse>();
    expectTypeOf(api.schedules).returns.resolves.toEqualTypeOf<Contract.ScheduleList>();
    expectTypeOf(api.createSchedule).parameter(0).toEqualTypeOf<Contract.CreateScheduleBody>();
    expectTypeOf(api.createSchedule).returns.resolves.toEqualTypeOf<Contract.Schedule>();
    expectTypeOf(api.updateSchedule).parameter(1).toEqualTypeOf<Contract.UpdateScheduleBody>();
    expectTypeOf(api.application).returns.resolves.toEqualTypeOf<Contract.Application>();
    expectTypeOf(api.setApplication).parameter(1).toEqualTypeOf<Contract.SetApplicationBody>();
    expectTypeOf(api.setApplication).returns.resolves.toEqualTypeOf<Contract.Application>();
    expectTypeOf(api.applicationBoard).parameter(0).toEqualTypeOf<Contract.ApplicationBoardQuery>();
    expectTypeOf(api.applicationBoard).returns.resolves.toEqualTypeOf<Contract.ApplicationBoard>();
  });

  it("names every status of the API's tracker, in its order", () => {
    expectTypeOf(STATUS_LABELS).toEqualTypeOf<Record<Contract.ApplicationStatus, string>>();
    expectTypeOf(STATUS_ORDER).toEqualTypeOf<Contract.ApplicationStatus[]>();
  });

  it('gets list rows without the reasoning, which only the detail has', () => {
    expectTypeOf<Contract.MatchPage['items'][number]>().not.toHaveProperty('reasoning');
    expectTypeOf<Contract.MatchDetailResponse['match']>().toHaveProperty('reasoning').toEqualTypeOf<string | null>();
  });

  it("turns the filters into a query the API accepts, with the API's sorts and statuses", () => {
    expectTypeOf(toMatchQuery).returns.toEqualTypeOf<Contract.ListMatchesQuery>();
    expectTypeOf<MatchFilters['sort']>().toEqualTypeOf<Contract.MatchSort>();
    expectTypeOf<MatchFilters['status']>().toEqualTypeOf<NonNullable<Contract.ListMatchesQuery['status']>>();
  });
});
