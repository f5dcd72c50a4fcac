import type { SqlDriver } from '../db/sql-driver.js';
import { migrateDatabase, schemaStatus, type MigrateResult, type SchemaStatus } from '../db/migrate.js';
import { getCvText, listCvVersions, upsertCvVersion, type CvTextRecord } from './cv-versions.js';
import { findLegacyImports, listLegacyImports, recordLegacyImport } from './legacy-imports.js';
import { recordEvent, recordLlmUsage, recordScrapePage } from './ledger.js';
import { insertMatch, insertMatches } from './matches-write.js';
import { findNewPostings, findReusableEvaluations, getMatch, getMatchesByUrl, listMatches, listSearchTerms } from './matches-read.js';
import type { ModelClient } from './model-client.js';
import { getPostings, upsertPostings } from './postings.js';
import { createRun, finishRun, getRun, listRuns, markRunsInterrupted, updateRunCounters } from './runs.js';
import { dedupStats, tableCounts } from './stats.js';
import type {
  BulkInsertResult, CvVersionInput, CvVersionRecord, DedupStats, EventInput, InsertResult, LegacyImportInput, LegacyImportRecord,
  LlmUsageInput, MatchDetail, MatchFilter, MatchInput, MatchPage, OnDuplicate, PostingInput, PostingRecord, RunCounters, RunFilter,
  RunInput, RunRecord, RunStatus, ScrapePageInput, SearchTermSummary, StoreInfo, TableCounts,
} from './types.js';

/**
 * The data access of JobSearchAI, the same on SQLite and PostgreSQL. Writes go through the
 * raw-SQL driver so that `transaction()` can group any of them; a few reads use Prisma's model
 * API. Inside `transaction(fn)`, `fn` receives a store bound to that transaction.
 */
export class Store {
  readonly info: StoreInfo;
  readonly #driver: SqlDriver;
  readonly #models: ModelClient;
  readonly #close: () => Promise<void>;

  constructor(driver: SqlDriver, models: ModelClient, info: StoreInfo, close: () => Promise<void>) {
    this.#driver = driver;
    this.#models = models;
    this.info = info;
    this.#close = close;
  }

  get provider(): SqlDriver['provider'] {
    return this.#driver.provider;
  }

  /** The raw-SQL driver, for core modules that need dialect-level access (backups, probes). */
  get driver(): SqlDriver {
    return this.#driver;
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return this.#driver.transaction((tx) => fn(new Store(tx, this.#models, this.info, this.#close)));
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

  // Matches
  insertMatch(input: MatchInput, options: { onDuplicate?: OnDuplicate } = {}): Promise<InsertResult> {
    return insertMatch(this.#driver, input, options.onDuplicate);
  }
  insertMatches(inputs: readonly MatchInput[], options: { onDuplicate?: OnDuplicate } = {}): Promise<BulkInsertResult> {
    return insertMatches(this.#driver, inputs, options.onDuplicate);
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
    return getCvText(this.#models, cvKey);
  }
  listCvVersions(): Promise<CvVersionRecord[]> {
    return listCvVersions(this.#driver);
  }

  // Runs and ledgers
  createRun(input: RunInput): Promise<RunRecord> {
    return createRun(this.#driver, input);
  }
  updateRunCounters(id: number, counters: RunCounters): Promise<void> {
    return updateRunCounters(this.#driver, id, counters);
  }
  finishRun(id: number, outcome: { status: Exclude<RunStatus, 'running'>; stopReason?: string | null; error?: string | null; counters: RunCounters }): Promise<RunRecord> {
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
  dedupStats(range?: { from?: string; to?: string }): Promise<DedupStats> {
    return dedupStats(this.#driver, range);
  }
  tableCounts(): Promise<TableCounts> {
    return tableCounts(this.#driver);
  }

  // Legacy imports
  recordLegacyImport(input: LegacyImportInput): Promise<number> {
    return recordLegacyImport(this.#driver, input);
  }
  findLegacyImports(sha256: string): Promise<LegacyImportRecord[]> {
    return findLegacyImports(this.#models, sha256);
  }
  listLegacyImports(): Promise<LegacyImportRecord[]> {
    return listLegacyImports(this.#models);
  }
}
