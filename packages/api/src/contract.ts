/**
 * `@jobsearchai/api/contract`: the API's requests and responses as TypeScript types, inferred from
 * the zod schemas that validate them and generate the OpenAPI document. Types only: a browser
 * bundle imports them with `import type` and loads no server code (the built file is empty; its
 * declarations refer to zod's types, nothing else).
 */
import type { z } from 'zod';
import type {
  ZApplication,
  ZApplicationBoard,
  ZApplicationBoardQuery,
  ZApplicationCard,
  ZApplicationHistoryEntry,
  ZApplicationStatus,
  ZSetApplicationBody,
} from './schemas/applications.js';
import type { ZCvVersion, ZCvVersionsResponse, ZSearchTermsResponse, ZSearchTermSummary } from './schemas/catalog.js';
import type { ZIdParams, ZProblem } from './schemas/common.js';
import type { ZHealthResponse, ZReadyResponse } from './schemas/health.js';
import type { ZJobLookupQuery, ZJobLookupResponse, ZPosting } from './schemas/jobs.js';
import type {
  MATCH_SORTS,
  ZListMatchesQuery,
  ZMatchDetail,
  ZMatchDetailResponse,
  ZMatchListItem,
  ZMatchPage,
  ZMatchRecord,
} from './schemas/matches.js';
import type {
  RUN_STATUSES,
  ZListRunsQuery,
  ZRunDetailResponse,
  ZRunRecord,
  ZRunsPage,
  ZStartRunBody,
  ZStartRunResponse,
} from './schemas/runs.js';
import type { ZAlertDelivery, ZAlertList } from './schemas/alerts.js';
import type { ZCreateScheduleBody, ZSchedule, ZScheduleList, ZUpdateScheduleBody } from './schemas/schedules.js';
import type { ZCostEstimate, ZStatsDay, ZStatsQuery, ZStatsResponse, ZStatsTotals } from './schemas/stats.js';

type Simplify<T> = { [K in keyof T]: T[K] };
type OptionalKeys<T> = { [K in keyof T]-?: Partial<Pick<T, K>> extends Pick<T, K> ? K : never }[keyof T];

/**
 * What a client sends for a request schema: each field with the type the server reads it as
 * (`z.output`: e.g. a number for a coerced query parameter, whose `z.input` is `unknown`),
 * optional wherever the schema lets it be left out (`z.input`: optional or with a default).
 */
export type RequestOf<S extends z.ZodType> = Simplify<
  { [K in Exclude<keyof z.output<S>, OptionalKeys<z.input<S>>>]: z.output<S>[K] } & {
    [K in OptionalKeys<z.input<S>> & keyof z.output<S>]?: z.output<S>[K];
  }
>;

// Requests
export type ListMatchesQuery = RequestOf<typeof ZListMatchesQuery>;
export type ListRunsQuery = RequestOf<typeof ZListRunsQuery>;
export type StatsQuery = RequestOf<typeof ZStatsQuery>;
export type JobLookupQuery = RequestOf<typeof ZJobLookupQuery>;
export type IdParams = RequestOf<typeof ZIdParams>;
export type StartRunBody = RequestOf<typeof ZStartRunBody>;
export type CreateScheduleBody = RequestOf<typeof ZCreateScheduleBody>;
export type UpdateScheduleBody = RequestOf<typeof ZUpdateScheduleBody>;
export type SetApplicationBody = RequestOf<typeof ZSetApplicationBody>;
export type ApplicationBoardQuery = RequestOf<typeof ZApplicationBoardQuery>;

// Values
export type MatchSort = (typeof MATCH_SORTS)[number];
export type RunStatus = (typeof RUN_STATUSES)[number];
/** A posting's place in the application tracker (core's APPLICATION_STATUSES). */
export type ApplicationStatus = z.output<typeof ZApplicationStatus>;
export type EvaluationStatus = z.output<typeof ZMatchRecord>['evaluationStatus'];

// Responses (`z.output`, which is what the server's JSON holds: the response schemas have no transforms)
export type MatchRecord = z.output<typeof ZMatchRecord>;
/** A row of GET /api/matches: one posting (URL + CV), its representative evaluation without the reasoning, and the group's terms, count and status. */
export type MatchListItem = z.output<typeof ZMatchListItem>;
export type MatchDetail = z.output<typeof ZMatchDetail>;
export type MatchPage = z.output<typeof ZMatchPage>;
export type MatchDetailResponse = z.output<typeof ZMatchDetailResponse>;
export type SearchTermSummary = z.output<typeof ZSearchTermSummary>;
export type SearchTermsResponse = z.output<typeof ZSearchTermsResponse>;
export type CvVersion = z.output<typeof ZCvVersion>;
export type CvVersionsResponse = z.output<typeof ZCvVersionsResponse>;
export type RunRecord = z.output<typeof ZRunRecord>;
export type RunsPage = z.output<typeof ZRunsPage>;
export type RunDetail = z.output<typeof ZRunDetailResponse>;
export type StartRunResponse = z.output<typeof ZStartRunResponse>;
export type Schedule = z.output<typeof ZSchedule>;
export type ScheduleList = z.output<typeof ZScheduleList>;
export type Application = z.output<typeof ZApplication>;
export type ApplicationHistoryEntry = z.output<typeof ZApplicationHistoryEntry>;
export type ApplicationCard = z.output<typeof ZApplicationCard>;
export type ApplicationBoard = z.output<typeof ZApplicationBoard>;
export type AlertDelivery = z.output<typeof ZAlertDelivery>;
export type AlertList = z.output<typeof ZAlertList>;
export type StatsTotals = z.output<typeof ZStatsTotals>;
export type StatsDay = z.output<typeof ZStatsDay>;
export type StatsResponse = z.output<typeof ZStatsResponse>;
/** The offline runs' cost at the configured model's prices (`StatsResponse.estimate` when not null). */
export type CostEstimate = NonNullable<z.output<typeof ZCostEstimate>>;
export type Posting = z.output<typeof ZPosting>;
export type JobLookupResponse = z.output<typeof ZJobLookupResponse>;
export type HealthResponse = z.output<typeof ZHealthResponse>;
export type ReadyResponse = z.output<typeof ZReadyResponse>;
/** The body of every error response (application/problem+json, RFC 9457). */
export type Problem = z.output<typeof ZProblem>;
