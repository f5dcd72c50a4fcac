/** Plain DTOs the store returns; nothing outside core sees Prisma types. */
import type { Provider } from '../db/sql-driver.js';
import type { ApplicationStatus } from '../applications.js';

export type EvaluationStatus = 'evaluated' | 'failed';
export type OnDuplicate = 'skip' | 'update';
/**
 * What a write did with one match: `replaced` = the key held a failed evaluation and the new,
 * successful one took its place (whatever onDuplicate says: a failed evaluation never blocks a
 * real one).
 */
export type InsertOutcome = 'inserted' | 'skipped' | 'updated' | 'unchanged' | 'replaced';

export interface MatchScoresInput {
  /** null = the evaluation failed (stored as 0, the legacy encoding, and retried by the pipeline). */
  overallMatch: number | null;
  skillsMatch?: number | null;
  experienceMatch?: number | null;
  educationFit?: number | null;
  careerTrajectoryAlignment?: number | null;
  preferenceMatch?: number | null;
  potentialSatisfaction?: number | null;
  locationCompatibility?: string | null;
  reasoning?: string | null;
}

export interface MatchInput extends MatchScoresInput {
  /** Canonical URL (normalizeJobUrl): the dedup key relies on it. */
  jobUrl: string;
  searchTerm: string;
  cvKey: string;
  jobTitle?: string | null;
  companyName?: string | null;
  location?: string | null;
  postingDate?: string | null;
  salaryRange?: string | null;
  /** The posting (or the legacy record) as scraped; stored as JSON text. */
  scrapedData: unknown;
  scrapedAt?: string;
  matchedAt?: string;
  matcher?: string | null;
  model?: string | null;
  runId?: number | null;
  source?: string | null;
}

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
  /** As stored (legacy rows keep their formats). */
  scrapedAt: string | null;
  matchedAt: string | null;
  updatedAt: string | null;
}

export interface MatchDetail extends MatchRecord {
  /** Parsed JSON, or the raw text when a legacy row holds something else. */
  scrapedData: unknown;
}

export interface InsertResult {
  outcome: InsertOutcome;
  id: number;
}

export interface BulkInsertResult {
  inserted: number;
  skipped: number;
  updated: number;
  unchanged: number;
  /** Stored failed evaluations overwritten by a successful one. */
  replaced: number;
  /**
   * One outcome per input, in order. Of the inputs that share a key only one is written: the
   * first successful evaluation, else the first one; the others are `skipped`.
   */
  outcomes: InsertOutcome[];
}

export interface InsertMatchesOptions {
  onDuplicate?: OnDuplicate;
  /**
   * Keys (matchKey) that `update` must not overwrite, because the same operation wrote them from
   * an earlier, preferred record (a forced import of several files keeps each key's first
   * record, as a plain import does). A stored failed evaluation under such a key is still replaced.
   */
  keepKeys?: ReadonlySet<string>;
}

export type MatchSort = 'score_desc' | 'score_asc' | 'date_desc' | 'date_asc' | 'company_asc' | 'title_asc';

export interface MatchFilter {
  searchTerm?: string;
  cvKey?: string;
  minScore?: number;
  maxScore?: number;
  /** Substring of title, company or location (case-insensitive for ASCII). */
  q?: string;
  location?: string;
  /** Matched day, inclusive, `YYYY-MM-DD`. */
  dateFrom?: string;
  dateTo?: string;
  /** Default 'evaluated': failed evaluations are not matches. */
  status?: EvaluationStatus | 'all';
  /** Only postings whose application status is one of these (see applicationStatusSql). */
  applicationStatuses?: readonly ApplicationStatus[];
  /** Leave out postings whose application status is closed (CLOSED_APPLICATION_STATUSES). */
  hideClosed?: boolean;
  sort?: MatchSort;
  limit?: number;
  cursor?: string;
}

/**
 * A row of the matches list: one posting (job_url + cv_key), shown through its representative
 * evaluation (the best-scored one matching the filters), with what its other evaluations add.
 */
export interface MatchListRow extends MatchRecord {
  /** Every search term the posting was evaluated under for this CV, sorted. */
  searchTerms: string[];
  /** Evaluations of the posting for this CV (failed ones included). */
  evaluationCount: number;
  /** The best score among all of the posting's evaluations for this CV; null when all failed. */
  bestScore: number | null;
  applicationStatus: ApplicationStatus;
}

export interface MatchPage {
  items: MatchListRow[];
  nextCursor: string | null;
}

export interface SearchTermSummary {
  searchTerm: string;
  matches: number;
  cvKeys: number;
  lastMatchedAt: string | null;
}

export interface CvVersionInput {
  cvKey: string;
  fileName: string;
  filePath: string;
  fileHash: string;
  summary?: string | null;
  metadata?: Record<string, unknown> | null;
  extractedText?: string | null;
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

export type RunStatus = 'running' | 'completed' | 'failed' | 'interrupted' | 'cancelled';

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
  /** Evaluations sent again at the default tier because the Flex tier had no capacity (0 in runs before it was counted). */
  flexFallbacks: number;
}

export interface RunInput {
  searchTerm: string;
  cvKey: string;
  source: string;
  matcher: string;
  model: string | null;
  maxPages: number;
}

export interface CreateRunOptions {
  /** ISO time: a running run of the same (search term, CV) silent since before it is marked failed (stale) first. */
  staleBefore?: string;
}

export interface RunRecord extends RunInput, RunCounters {
  id: number;
  status: RunStatus;
  stopReason: string | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

export interface RunFilter {
  searchTerm?: string;
  cvKey?: string;
  status?: RunStatus;
  limit?: number;
  /** Runs with an id below this (the previous page's last id). */
  beforeId?: number;
}

export interface ScrapePageInput {
  searchTerm: string;
  pageNumber: number;
  jobsFound: number;
  newJobs: number;
  duplicateJobs: number;
  durationSeconds: number;
  runId?: number | null;
  cvKey?: string | null;
  pageStatus?: string | null;
}

export interface LlmUsageInput {
  runId?: number | null;
  purpose: string;
  jobUrl?: string | null;
  cvKey?: string | null;
  model: string;
  promptTokens: number;
  completionTokens: number;
  cachedTokens?: number;
  reasoningTokens?: number;
  costUsd: number;
  latencyMs: number;
  outcome: string;
  attempts?: number;
  error?: string | null;
  /** The processing tier that served the call (default, flex, …); null when unknown. */
  serviceTier?: string | null;
}

export interface EventInput {
  kind: string;
  severity: 'info' | 'warning' | 'error';
  component: string;
  message: string;
  details?: Record<string, unknown> | null;
  runId?: number | null;
}

export interface PostingInput {
  url: string;
  title?: string | null;
  companyName?: string | null;
  location?: string | null;
  postingDate?: string | null;
  salaryRange?: string | null;
  description?: string | null;
  skills?: string[] | null;
  rawData?: unknown;
  source?: string | null;
  /** Set when the detail page was fetched. */
  detailsFetched?: boolean;
}

export interface PostingRecord {
  url: string;
  title: string | null;
  companyName: string | null;
  location: string | null;
  postingDate: string | null;
  salaryRange: string | null;
  description: string | null;
  skills: string[] | null;
  rawData: unknown;
  source: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  detailsFetchedAt: string | null;
}

export interface LegacyImportInput {
  filePath: string;
  fileName: string;
  sha256: string;
  searchTerm: string;
  cvKey: string;
  records: number;
  migrated: number;
  duplicates: number;
  updated: number;
  rejected: number;
  status: LegacyImportStatus;
  details?: Record<string, unknown> | null;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

/** 'undone': taken back by `jobsearch-migrate undo`; like 'failed', it does not count as imported. */
export type LegacyImportStatus = 'completed' | 'completed_with_errors' | 'failed' | 'undone';

export interface LegacyImportRecord extends LegacyImportInput {
  id: number;
  /** When its undo journal was written; null for imports made before the journal existed (they cannot be undone). */
  journaledAt: string | null;
  /** When `jobsearch-migrate undo` took it back (status 'undone'). */
  undoneAt: string | null;
}

/** Run counters summed over a day (or over everything, without `day`). */
export interface DailyStats extends RunCounters {
  day: string;
  runs: number;
}

export interface DedupStats {
  totals: Omit<DailyStats, 'day'>;
  days: DailyStats[];
}

/** What the runs of one matcher did, summed over a day (or over everything, without `day`). */
export interface MatcherDailyStats {
  day: string;
  runs: number;
  /** Postings the matcher evaluated itself (new postings less those reused from another term). */
  evaluations: number;
  /** Evaluations deduplication saved (the runs' llmSaved). */
  llmSaved: number;
}

export interface MatcherStats {
  totals: Omit<MatcherDailyStats, 'day'>;
  days: MatcherDailyStats[];
}

/** Runs by start time, `from` inclusive and `to` exclusive (ISO text or a `YYYY-MM-DD` day). */
export interface RunRange {
  from?: string;
  to?: string;
  /** Leave out runs still running (their counters are partial). */
  finishedOnly?: boolean;
}

/** Finished runs of a range, beyond dedupStats' sums. */
export interface FinishedRunsSummary {
  /** Sum of max_pages: the pages the legacy pipeline would have fetched. */
  pagesPossible: number;
  /** Runs that repeat an earlier completed run of the same term and CV. */
  repeatRuns: { runs: number; postingsSeen: number; llmCalls: number; llmSaved: number };
  /** The newest finished run of the range. */
  lastRun: {
    id: number;
    startedAt: string;
    stopReason: string | null;
    postingsSeen: number;
    postingsDuplicate: number;
  } | null;
}

/** On-disk size. SQLite: the database file and its write-ahead log; PostgreSQL: pg_database_size (walBytes 0). */
export interface DatabaseSize {
  fileBytes: number;
  walBytes: number;
  totalBytes: number;
}

/** PostgreSQL only: this database's connections by state, and the server's against max_connections. */
export interface ConnectionStats {
  database: number;
  active: number;
  idle: number;
  /** Client connections to the whole server. */
  server: number;
  max: number;
}

/** Warnings and errors since a moment, and the operations they happened among. */
export interface ErrorActivity {
  /** app_events of severity warning or error, by kind. */
  eventsByKind: Record<string, number>;
  llmCalls: number;
  /** LLM calls whose outcome was not `ok`. */
  llmFailedCalls: number;
  scrapePages: number;
}

/** llm_usage since a moment: one row per call, from every process. */
export interface LlmUsageTotals {
  calls: number;
  /** Outcome not `ok`. */
  failed: number;
  costUsd: number;
}

export interface EvaluationActivity {
  /** matched_at of the newest scored row a run wrote (imported rows carry no run), as stored. */
  lastRunEvaluationAt: string | null;
  /** Runs started since the moment. */
  runs: number;
  /** Of those, finished runs that had new postings to evaluate, or failed or were interrupted. */
  runsExpectingEvaluations: number;
}

/** The newest stored match's search term and CV, with the URLs of its newest rows. */
export interface RecentMatchKeys {
  searchTerm: string;
  cvKey: string;
  jobUrls: string[];
}

/** Tables of the schema whose storage can be measured. */
export type StoreTable =
  | 'job_matches'
  | 'cv_versions'
  | 'scrape_history'
  | 'applications'
  | 'job_postings'
  | 'search_runs'
  | 'llm_usage'
  | 'legacy_imports'
  | 'app_events';

export interface TableCounts {
  jobMatches: number;
  failedEvaluations: number;
  cvVersions: number;
  scrapeHistory: number;
  applications: number;
  jobPostings: number;
  searchRuns: number;
  llmUsage: number;
  legacyImports: number;
  appEvents: number;
}

export interface StoreInfo {
  provider: Provider;
  /** File path (SQLite) or the URL without password (PostgreSQL). */
  location: string;
}

/** A saved search that the API's scheduler starts on a cron schedule. */
export interface ScheduleRecord {
  id: number;
  searchTerm: string;
  cvKey: string;
  maxPages: number;
  /** Cron expression (croner syntax), read in `timeZone`. */
  cron: string;
  /** IANA time zone. */
  timeZone: string;
  enabled: boolean;
  /** Score from which a new match is worth an alert (default 8). */
  alertThreshold: number;
  /** How its runs' alerts go out (default 'run'). */
  alertDelivery: AlertDeliveryMode;
  /** The next start (UTC ISO-8601); null while disabled. */
  nextRunAt: string | null;
  claimedBy: string | null;
  claimExpiresAt: string | null;
  lastRunId: number | null;
  lastRunAt: string | null;
  /** Why the last due start started no run; null when it did. */
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ScheduleInput = Pick<
  ScheduleRecord,
  'searchTerm' | 'cvKey' | 'maxPages' | 'cron' | 'timeZone' | 'enabled' | 'alertThreshold' | 'nextRunAt'
> & { alertDelivery?: AlertDeliveryMode };

export type SchedulePatch = Partial<ScheduleInput>;

export interface ScheduleClaim {
  id: number;
  /** ISO time the claim is made at: the schedule must be due by then. */
  now: string;
  /** The occurrence after this one, computed from `cron` and `timeZone`. */
  nextRunAt: string | null;
  cron: string;
  timeZone: string;
  /** Who claims (an instance id), and until when the claim holds if it never reports back. */
  claimant: string;
  claimExpiresAt: string;
}

export interface ScheduleOutcome {
  id: number;
  claimant: string;
  /** The run the claim started, or null when none started (then `error` says why). */
  runId: number | null;
  error: string | null;
}

/** How a schedule's (or the manual runs') alerts go out: after each run, in a daily digest, or not at all. */
export type AlertDeliveryMode = 'run' | 'digest' | 'off';
/** Where alerts are sent. */
export type AlertChannel = 'webhook' | 'email';
/** 'sending' is claimed by one instance; 'retrying' failed and waits for its next attempt; 'failed' gave up. */
export type AlertDeliveryStatus = 'pending' | 'sending' | 'retrying' | 'sent' | 'failed';

/** What to queue after a run: its scored matches new to the CV at or above `minScore`, one row per channel. */
export interface QueueRunAlerts {
  runId: number;
  minScore: number;
  mode: Exclude<AlertDeliveryMode, 'off'>;
  channels: readonly AlertChannel[];
  /** When they may first be sent (UTC ISO): now for 'run', the next digest time for 'digest'. */
  dueAt: string;
  scheduleId: number | null;
}

export interface AlertDeliveryRecord {
  id: number;
  jobUrl: string;
  cvKey: string;
  channel: AlertChannel;
  mode: Exclude<AlertDeliveryMode, 'off'>;
  matchId: number;
  runId: number;
  scheduleId: number | null;
  searchTerm: string;
  jobTitle: string | null;
  companyName: string | null;
  location: string | null;
  score: number;
  status: AlertDeliveryStatus;
  /** Send attempts so far (a claim counts as one). */
  attempts: number;
  dueAt: string;
  nextAttemptAt: string;
  claimedBy: string | null;
  claimExpiresAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

export interface AlertClaim {
  claimant: string;
  /** ISO time: deliveries due by then (or whose claim expired by then) are claimed. */
  now: string;
  claimExpiresAt: string;
  /** Only the channels this instance can send to. */
  channels: readonly AlertChannel[];
  limit?: number;
}

export interface AlertFailure {
  ids: readonly number[];
  claimant: string;
  error: string;
  /** The next attempt (UTC ISO), or null to give up ('failed'). */
  retryAt: string | null;
}

export interface AlertDeliveryFilter {
  status?: AlertDeliveryStatus;
  cvKey?: string;
  scheduleId?: number;
  limit?: number;
}

/** The outbox as monitoring sees it. */
export interface AlertDeliveryStats {
  /** Never tried yet (including digests not yet due). */
  pending: number;
  sending: number;
  retrying: number;
  /** Given up, ever. */
  failed: number;
  /** Given up since the `since` moment. */
  failedSince: number;
  sentSince: number;
  /** due_at of the oldest delivery that is due and still unsent (pending, sending or retrying); null when none. */
  oldestDueAt: string | null;
}
