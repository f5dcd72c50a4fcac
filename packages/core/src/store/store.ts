import type { SqlDriver } from '../db/sql-driver.js';
import type { QueryObserver } from '../db/query-observers.js';
import { migrateDatabase, schemaStatus, type MigrateResult, type SchemaStatus } from '../db/migrate.js';
import type {
  ApplicationBoard,
  ApplicationBoardFilter,
  ApplicationRecord,
  ApplicationUpdate,
  PostingKey,
} from './application-types.js';
import { getApplication, listApplicationBoard } from './applications-read.js';
import { setApplication } from './applications-write.js';
import { connectionStats } from './connection-stats.js';
import { getCvText, listCvVersions, upsertCvVersion, type CvTextRecord } from './cv-versions.js';
import { databaseSize, tableBytes } from './database-size.js';
import { recordEvent, recordEventPromptly, recordLlmUsage, recordScrapePage } from './ledger.js';
import {
  findLegacyImports,
  listLegacyImports,
  migrationRecordTotals,
  recordLegacyImport,
  type MigrationRecordTotals,
} from './legacy-imports.js';
import { captureImportJournal, type ImportJournalSnapshot, writeImportJournal } from './import-journal.js';
import { lastUndoableImport, type UndoImportResult, undoLegacyImport } from './import-undo.js';
import {
  findNewPostings,
  findReusableEvaluations,
  getMatch,
  getMatchesByUrl,
  listMatches,
  listSearchTerms,
  recentMatchKeys,
} from './matches-read.js';
import { inSavepoint } from '../db/savepoint.js';
import { insertMatch, insertMatches } from './matches-write.js';
import { errorActivity, evaluationActivity, llmUsageTotals } from './operations-stats.js';
import { analyzeDatabase } from './planner-statistics.js';
import { getPostings, upsertPostings } from './postings.js';
import {
  createRun,
  findRunningRun,
  finishRun,
  getRun,
  listRuns,
  markRunsInterrupted,
  updateRunCounters,
} from './runs.js';
import {
  alertDeliveryStats,
  claimAlertDeliveries,
  listAlertDeliveries,
  markAlertsSent,
  queueRunAlerts,
  recordAlertFailure,
} from './alert-deliveries.js';
import { databaseSummary, type DatabaseSummary } from './database-summary.js';
import {
  claimSchedule,
  createSchedule,
  deleteSchedule,
  dueSchedules,
  finishScheduleClaim,
  getSchedule,
  listSchedules,
  updateSchedule,
} from './schedules.js';
import { dedupStats, finishedRunsSummary, matcherStats, tableCounts } from './stats.js';
import type {
  AlertClaim,
  AlertDeliveryFilter,
  AlertDeliveryRecord,
  AlertDeliveryStats,
  AlertFailure,
  QueueRunAlerts,
  BulkInsertResult,
  InsertMatchesOptions,
  ConnectionStats,
  CreateRunOptions,
  CvVersionInput,
  CvVersionRecord,
  DatabaseSize,
  DedupStats,
  ErrorActivity,
  EvaluationActivity,
  EventInput,
  FinishedRunsSummary,
  InsertResult,
  LegacyImportInput,
  LegacyImportRecord,
  LlmUsageInput,
  LlmUsageTotals,
  MatchDetail,
  MatchFilter,
  MatchInput,
  MatchPage,
  MatcherStats,
  OnDuplicate,
  PostingInput,
  PostingRecord,
  RecentMatchKeys,
  RunCounters,
  RunFilter,
  RunInput,
  RunRange,
  RunRecord,
  RunStatus,
  ScheduleClaim,
  ScheduleInput,
  ScheduleOutcome,
  SchedulePatch,
  ScheduleRecord,
  ScrapePageInput,
  SearchTermSummary,
  StoreInfo,
  StoreTable,
  TableCounts,
} from './types.js';

let driverOf: (store: Store) => SqlDriver;

/**
 * The data access of JobSearchAI, the same on SQLite and PostgreSQL. Every statement, read or
 * write, runs through core's SQL driver, so a store bound to a transaction reads what it wrote
 * there. Inside `transaction(fn)`, `fn` receives a store bound to that transaction.
 */
export class Store {
  readonly info: StoreInfo;
  readonly #driver: SqlDriver;
  readonly #close: () => Promise<void>;

  static {
    driverOf = (store) => store.#driver;
  }

  constructor(driver: SqlDriver, info: StoreInfo, close: () => Promise<void>) {
    this.#driver = driver;
    this.info = info;
    this.#close = close;
  }

  get provider(): SqlDriver['provider'] {
    return this.#driver.provider;
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return this.#driver.transaction((tx) => fn(new Store(tx, this.info, this.#close)));
  }

  /**
   * Like `transaction`, but inside an open transaction `fn` runs in a savepoint: a failure undoes
   * `fn`'s writes only and leaves the enclosing transaction usable.
   */
  savepoint<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return inSavepoint(this.#driver, (tx) => fn(new Store(tx, this.info, this.#close)));
  }

  close(): Promise<void> {
    return this.#close();
  }

  // Schema
  migrate(): Promise<MigrateResult> {
    return migrateDatabase(this.#driver);
  }
  schemaStatus(): Promise<SchemaStatus> {
    return schemaStatus(this.#driver);
  }
  async ping(): Promise<void> {
    await this.#driver.query('SELECT 1');
  }
  /**
   * Tells `observer` the duration of every statement this store (and its transactions) runs from
   * now on; returns the function that stops it. The API feeds its query-duration histogram so.
   */
  observeQueries(observer: QueryObserver): () => void {
    return this.#driver.observers.add(observer);
  }

  // Matches
  insertMatch(input: MatchInput, options: { onDuplicate?: OnDuplicate } = {}): Promise<InsertResult> {
    return insertMatch(this.#driver, input, options.onDuplicate);
  }
  insertMatches(inputs: readonly MatchInput[], options: InsertMatchesOptions = {}): Promise<BulkInsertResult> {
    return insertMatches(this.#driver, inputs, options);
  }
  findNewPostings(urls: readonly string[], searchTerm: string, cvKey: string): Promise<string[]> {
    return findNewPostings(this.#driver, urls, searchTerm, cvKey);
  }
  findReusableEvaluations(urls: readonly string[], cvKey: string): Promise<Map<string, MatchDetail>> {
    return findReusableEvaluations(this.#driver, urls, cvKey);
  }
  listMatches(filter?: MatchFilter): Promise<MatchPage> {
    return listMatches(this.#driver, filter);
  }
  getMatch(id: number): Promise<MatchDetail | null> {
    return getMatch(this.#driver, id);
  }
  getMatchesByUrl(url: string): Promise<MatchDetail[]> {
    return getMatchesByUrl(this.#driver, url);
  }
  listSearchTerms(): Promise<SearchTermSummary[]> {
    return listSearchTerms(this.#driver);
  }

  // Application tracker (applications-read.ts, applications-write.ts): one status per URL and CV
  /** The posting's status, notes and history; null when no evaluation has this URL and CV. */
  getApplication(key: PostingKey): Promise<ApplicationRecord | null> {
    return getApplication(this.#driver, key);
  }
  /** Writes every evaluation's `applications` row in one transaction; NOT_FOUND, CONFLICT (stale), INVALID_INPUT. */
  setApplication(update: ApplicationUpdate): Promise<ApplicationRecord> {
    return setApplication(this.#driver, update);
  }
  listApplicationBoard(filter?: ApplicationBoardFilter): Promise<ApplicationBoard> {
    return listApplicationBoard(this.#driver, filter);
  }

  // Postings
  upsertPostings(postings: readonly PostingInput[]): Promise<void> {
    return upsertPostings(this.#driver, postings);
  }
  getPostings(urls: readonly string[]): Promise<Map<string, PostingRecord>> {
    return getPostings(this.#driver, urls);
  }

  // CV versions
  upsertCvVersion(input: CvVersionInput): Promise<void> {
    return upsertCvVersion(this.#driver, input);
  }
  getCvText(cvKey: string): Promise<CvTextRecord | null> {
    return getCvText(this.#driver, cvKey);
  }
  listCvVersions(): Promise<CvVersionRecord[]> {
    return listCvVersions(this.#driver);
  }

  // Runs and ledgers
  /** Fails with CONFLICT (`details.reason` 'already_running') while the pair has a running run. */
  createRun(input: RunInput, options?: CreateRunOptions): Promise<RunRecord> {
    return createRun(this.#driver, input, options);
  }
  findRunningRun(searchTerm: string, cvKey: string): Promise<RunRecord | null> {
    return findRunningRun(this.#driver, searchTerm, cvKey);
  }

  // Schedules
  createSchedule(input: ScheduleInput): Promise<ScheduleRecord> {
    return createSchedule(this.#driver, input);
  }
  getSchedule(id: number): Promise<ScheduleRecord | null> {
    return getSchedule(this.#driver, id);
  }
  listSchedules(): Promise<ScheduleRecord[]> {
    return listSchedules(this.#driver);
  }
  updateSchedule(id: number, patch: SchedulePatch): Promise<ScheduleRecord | null> {
    return updateSchedule(this.#driver, id, patch);
  }
  deleteSchedule(id: number): Promise<boolean> {
    return deleteSchedule(this.#driver, id);
  }
  dueSchedules(now: string, limit?: number): Promise<ScheduleRecord[]> {
    return dueSchedules(this.#driver, now, limit);
  }
  /** One statement: of concurrent claimers of a due schedule exactly one gets it back. */
  claimSchedule(claim: ScheduleClaim): Promise<ScheduleRecord | null> {
    return claimSchedule(this.#driver, claim);
  }
  finishScheduleClaim(outcome: ScheduleOutcome): Promise<boolean> {
    return finishScheduleClaim(this.#driver, outcome);
  }

  // Alert outbox (alert-deliveries.ts)
  /** Queues the run's strong matches new to its CV, once per posting, CV and channel; returns the rows queued. */
  queueRunAlerts(request: QueueRunAlerts): Promise<number> {
    return queueRunAlerts(this.#driver, request);
  }
  /** One statement: of concurrent claimers each due delivery goes to exactly one. */
  claimAlertDeliveries(claim: AlertClaim): Promise<AlertDeliveryRecord[]> {
    return claimAlertDeliveries(this.#driver, claim);
  }
  markAlertsSent(ids: readonly number[], claimant: string): Promise<number> {
    return markAlertsSent(this.#driver, ids, claimant);
  }
  recordAlertFailure(failure: AlertFailure): Promise<number> {
    return recordAlertFailure(this.#driver, failure);
  }
  listAlertDeliveries(filter?: AlertDeliveryFilter): Promise<AlertDeliveryRecord[]> {
    return listAlertDeliveries(this.#driver, filter);
  }
  alertDeliveryStats(now: string, since: string): Promise<AlertDeliveryStats> {
    return alertDeliveryStats(this.#driver, now, since);
  }

  updateRunCounters(id: number, counters: RunCounters): Promise<void> {
    return updateRunCounters(this.#driver, id, counters);
  }
  finishRun(
    id: number,
    outcome: {
      status: Exclude<RunStatus, 'running'>;
      stopReason?: string | null;
      error?: string | null;
      counters: RunCounters;
    },
  ): Promise<RunRecord> {
    return finishRun(this.#driver, id, outcome);
  }
  getRun(id: number): Promise<RunRecord | null> {
    return getRun(this.#driver, id);
  }
  listRuns(filter?: RunFilter): Promise<RunRecord[]> {
    return listRuns(this.#driver, filter);
  }
  markRunsInterrupted(ids?: readonly number[]): Promise<number> {
    return markRunsInterrupted(this.#driver, ids);
  }
  recordScrapePage(page: ScrapePageInput): Promise<void> {
    return recordScrapePage(this.#driver, page);
  }
  recordLlmUsage(usage: LlmUsageInput): Promise<void> {
    return recordLlmUsage(this.#driver, usage);
  }
  recordEvent(event: EventInput): Promise<void> {
    return recordEvent(this.#driver, event);
  }
  /** `recordEvent` waiting at most `waitMs` for a lock (a failure's event must not stall the process). */
  recordEventPromptly(event: EventInput, waitMs: number): Promise<void> {
    return recordEventPromptly(this.#driver, event, waitMs);
  }
  dedupStats(range?: RunRange): Promise<DedupStats> {
    return dedupStats(this.#driver, range);
  }
  matcherStats(matcher: string, range?: RunRange): Promise<MatcherStats> {
    return matcherStats(this.#driver, matcher, range);
  }
  finishedRunsSummary(range?: Omit<RunRange, 'finishedOnly'>): Promise<FinishedRunsSummary> {
    return finishedRunsSummary(this.#driver, range);
  }
  tableCounts(): Promise<TableCounts> {
    return tableCounts(this.#driver);
  }
  /** Rows, newest evaluation and schema version of any version's database (a backup before a restore). */
  databaseSummary(): Promise<DatabaseSummary> {
    return databaseSummary(this.#driver);
  }

  // Operations: what monitoring and the status command read (`since` is an ISO timestamp)
  errorActivity(since: string): Promise<ErrorActivity> {
    return errorActivity(this.#driver, since);
  }
  llmUsageTotals(since: string): Promise<LlmUsageTotals> {
    return llmUsageTotals(this.#driver, since);
  }
  evaluationActivity(since: string): Promise<EvaluationActivity> {
    return evaluationActivity(this.#driver, since);
  }
  recentMatchKeys(limit: number): Promise<RecentMatchKeys | null> {
    return recentMatchKeys(this.#driver, limit);
  }
  databaseSize(): Promise<DatabaseSize> {
    return databaseSize(this.#driver, this.info);
  }
  tableBytes(table: StoreTable): Promise<number> {
    return tableBytes(this.#driver, table);
  }
  connectionStats(): Promise<ConnectionStats | null> {
    return connectionStats(this.#driver);
  }
  /** Refreshes the planner's statistics after a bulk load. */
  analyze(): Promise<void> {
    return analyzeDatabase(this.#driver);
  }

  // Legacy imports
  recordLegacyImport(input: LegacyImportInput): Promise<number> {
    return recordLegacyImport(this.#driver, input);
  }
  findLegacyImports(sha256: string): Promise<LegacyImportRecord[]> {
    return findLegacyImports(this.#driver, sha256);
  }
  listLegacyImports(): Promise<LegacyImportRecord[]> {
    return listLegacyImports(this.#driver);
  }
  migrationRecordTotals(): Promise<MigrationRecordTotals> {
    return migrationRecordTotals(this.#driver);
  }

  // Undo of legacy imports (import-journal.ts, import-undo.ts)
  /** Before an import writes `inputs`: reads the rows it may overwrite, for its undo journal. */
  captureImportJournal(inputs: readonly MatchInput[], onDuplicate?: OnDuplicate): Promise<ImportJournalSnapshot> {
    return captureImportJournal(this.#driver, inputs, onDuplicate);
  }
  /** After the import's rows and its legacy_imports row: records what it created and updated. */
  writeImportJournal(
    importId: number,
    snapshot: ImportJournalSnapshot,
    outcomes: BulkInsertResult['outcomes'],
  ): Promise<void> {
    return writeImportJournal(this.#driver, importId, snapshot, outcomes);
  }
  undoLegacyImport(importId: number, options?: { force?: boolean; dryRun?: boolean }): Promise<UndoImportResult> {
    return undoLegacyImport(this.#driver, importId, options);
  }
  lastUndoableImport(): Promise<number> {
    return lastUndoableImport(this.#driver);
  }
}

/**
 * The SQL driver behind a store (bound to its transaction, if any), for core's own modules that
 * run statements of their own (import validation, backups). Not exported from the package: other
 * packages get named store functions that return DTOs.
 */
export function storeDriver(store: Store): SqlDriver {
  return driverOf(store);
}
