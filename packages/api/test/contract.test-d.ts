/**
 * Type-level tests of @jobsearchai/api/contract, checked by `tsc` (the package's typecheck task)
 * and by `vitest --typecheck`. The contract is inferred from the route schemas; these pin it to
 * what the routes really send (core's DTOs) and to what clients may send, so a schema field that
 * drifts from either fails the typecheck.
 */
import type {
  ApplicationBoard as CoreApplicationBoard,
  ApplicationRecord as CoreApplicationRecord,
  ApplicationStatus as CoreApplicationStatus,
  CvVersionRecord,
  DailyStats,
  MatchDetail as CoreMatchDetail,
  MatchListRow as CoreMatchListRow,
  MatchRecord as CoreMatchRecord,
  MatchSort as CoreMatchSort,
  RunRecord as CoreRunRecord,
  RunStatus as CoreRunStatus,
  SearchTermSummary as CoreSearchTermSummary,
} from '@jobsearchai/core';
import { describe, expectTypeOf, it } from 'vitest';
import type * as Contract from '../src/contract.js';

type Rates = { duplicateRate: number | null; llmSavedRate: number | null };
// `.branded` where the expected type is an intersection: it compares the resolved properties.

describe('the API contract', () => {
  it('sends exactly the store records the routes return', () => {
    expectTypeOf<Contract.MatchRecord>().toEqualTypeOf<CoreMatchRecord>();
    expectTypeOf<Contract.MatchDetail>().toEqualTypeOf<CoreMatchDetail>();
    expectTypeOf<Contract.RunRecord>().toEqualTypeOf<CoreRunRecord>();
    expectTypeOf<Contract.SearchTermSummary>().toEqualTypeOf<CoreSearchTermSummary>();
    expectTypeOf<Contract.CvVersion>().toEqualTypeOf<CvVersionRecord>();
    expectTypeOf<Contract.MatchSort>().toEqualTypeOf<CoreMatchSort>();
    expectTypeOf<Contract.ApplicationStatus>().toEqualTypeOf<CoreApplicationStatus>();
    expectTypeOf<Contract.RunStatus>().toEqualTypeOf<CoreRunStatus>();
  });

  it('lists matches without the reasoning, which only the detail has', () => {
    expectTypeOf<Contract.MatchListItem>().toEqualTypeOf<Omit<CoreMatchListRow, 'reasoning'>>();
    expectTypeOf<Contract.MatchPage>().toEqualTypeOf<{ items: Contract.MatchListItem[]; nextCursor: string | null }>();
    expectTypeOf<Contract.MatchDetailResponse>().toEqualTypeOf<{
      match: CoreMatchDetail;
      otherEvaluations: CoreMatchRecord[];
    }>();
  });

  it('sends the tracker’s records as the store returns them', () => {
    expectTypeOf<Contract.Application>().toEqualTypeOf<CoreApplicationRecord>();
    expectTypeOf<Contract.ApplicationBoard>().toEqualTypeOf<CoreApplicationBoard>();
    expectTypeOf<Contract.ApplicationStatus>().toEqualTypeOf<CoreApplicationStatus>();
    expectTypeOf<Contract.SetApplicationBody>().toEqualTypeOf<{
      status: CoreApplicationStatus;
      notes?: string | null | undefined;
      expectedUpdatedAt?: string | null | undefined;
    }>();
    expectTypeOf<Contract.ApplicationBoardQuery>().toEqualTypeOf<{
      cv_key?: string | undefined;
      matched_limit?: number;
    }>();
  });

  it('wraps runs and stats as the routes build them', () => {
    expectTypeOf<Contract.RunsPage>().toEqualTypeOf<{ items: CoreRunRecord[]; nextCursor: string | null }>();
    expectTypeOf<Contract.RunDetail>().branded.toEqualTypeOf<CoreRunRecord & { active: boolean }>();
    expectTypeOf<Contract.StartRunResponse>().toEqualTypeOf<{ id: number; run: CoreRunRecord }>();
    expectTypeOf<Contract.StatsTotals>().branded.toEqualTypeOf<Omit<DailyStats, 'day'> & Rates>();
    expectTypeOf<Contract.StatsDay>().branded.toEqualTypeOf<DailyStats & Rates>();
    expectTypeOf<Contract.StatsResponse['database']>().branded.toEqualTypeOf<{
      matches: number;
      failedEvaluations: number;
      cvVersions: number;
      searchRuns: number;
      legacyImports: number;
    }>();
    expectTypeOf<Contract.StatsResponse['from']>().toEqualTypeOf<string | null>();
  });

  it('takes requests with the parameters the server reads, defaults optional', () => {
    expectTypeOf<Contract.ListMatchesQuery>().toEqualTypeOf<{
      search_term?: string | undefined;
      cv_key?: string | undefined;
      min_score?: number | undefined;
      max_score?: number | undefined;
      q?: string | undefined;
      location?: string | undefined;
      date_from?: string | undefined;
      date_to?: string | undefined;
      status?: 'evaluated' | 'failed' | 'all';
      application_status?: CoreApplicationStatus[] | undefined;
      hide_closed?: boolean | undefined;
      sort?: CoreMatchSort;
      cursor?: string | undefined;
      limit?: number;
    }>();
    expectTypeOf<Contract.ListRunsQuery>().toEqualTypeOf<{
      search_term?: string | undefined;
      cv_key?: string | undefined;
      status?: CoreRunStatus | undefined;
      cursor?: string | undefined;
      limit?: number;
    }>();
    expectTypeOf<Contract.StartRunBody>().toEqualTypeOf<{
      search_term: string;
      cv_path?: string | undefined;
      cv_key?: string | undefined;
      max_pages?: number;
      llm_call_budget?: number | undefined;
      source?: 'demo' | 'ostjob' | undefined;
      service_tier?: 'default' | 'flex' | undefined;
    }>();
    expectTypeOf<Contract.StatsQuery>().toEqualTypeOf<{ from?: string | undefined; to?: string | undefined }>();
    expectTypeOf<Contract.JobLookupQuery>().toEqualTypeOf<{ url: string }>();
    expectTypeOf<Contract.IdParams>().toEqualTypeOf<{ id: number }>();
  });
});
