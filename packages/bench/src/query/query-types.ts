import type { LatencySummary } from '../stats/percentiles.js';
import type { StorageBreakdown } from './raw-sqlite.js';

export interface QueryOptions {
  /** Data set sizes, ascending; one database grows from one size to the next (default 10 k, 100 k, 1 M). */
  sizes?: number[];
  /** Timed operations per lookup benchmark (default 5000). */
  iterations?: number;
  /** Timed operations per list benchmark (default 2000). */
  listIterations?: number;
  /** Timed date-sorted lists per size (default 15: without a fitting index they take seconds at 1 M rows). */
  sortSamples?: number;
  /** Rows per bulk insert call (default 5000: bounded memory). */
  chunkRows?: number;
  /** Rows for the raw better-sqlite3 bulk insert comparison (default min(largest size, 100 k); 0 = skip). */
  rawInsertRows?: number;
  /** Also seed and measure PostgreSQL at this size (0 = skip). */
  postgresRows?: number;
  /** Server to create the scratch database on (default postgresql://postgres@127.0.0.1:5432/postgres). */
  postgresUrl?: string;
  /** Folder for the SQLite file (default: a temp folder, removed afterwards). */
  workDir?: string;
  /** Keep the SQLite file (e.g. for the soak benchmark); its path is returned. */
  keepDatabase?: boolean;
  seed?: number;
}

/** The same operation through the product's store and through raw prepared statements. */
export interface PairedLatency {
  store: LatencySummary;
  raw: LatencySummary;
  /** store ÷ raw. */
  ratioP50: number;
  ratioP95: number;
}

export interface BulkInsertFigures {
  rows: number;
  /** Time inside the insert calls only (generating rows excluded). */
  insertMs: number;
  recordsPerSecond: number;
}

export interface SqliteSizeResult {
  rows: number;
  /** The store's bulk path (insertMatches, chunks of chunkRows) for the rows added at this step. */
  seeding: BulkInsertFigures;
  fileBytes: number;
  bytesPerRow: number;
  pageSize: number;
  operations: {
    /** One URL: findNewPostings([url]) vs the same SELECT; half hits, half misses. */
    lookup: PairedLatency;
    /** One results page: findNewPostings(10 URLs) vs the same IN (…) SELECT; 8 known, 2 new. */
    pageCheck: PairedLatency;
    /** Dashboard default: listMatches({ searchTerm, cvKey, minScore: 6, limit: 50 }). */
    list: PairedLatency;
    /** The same with a location substring filter. */
    listLocation: PairedLatency;
  };
  /** The dashboard's date sort, through the store only, few samples. */
  dateSorts: {
    /** listMatches({ searchTerm, cvKey, sort: 'date_desc', limit: 50 }) */
    listByDate: LatencySummary;
    /** listMatches({ searchTerm, sort: 'date_desc', limit: 50 }): every CV of one term. */
    listByDateAllCvs: LatencySummary;
  };
}

export interface PostgresResult {
  rows: number;
  seeding: BulkInsertFigures;
  /** pg_total_relation_size('job_matches') ÷ rows (TOAST compresses long text). */
  bytesPerRow: number;
  operations: { lookup: LatencySummary; pageCheck: LatencySummary; list: LatencySummary; listLocation: LatencySummary };
}

export interface QueryResult {
  config: {
    sizes: number[];
    iterations: number;
    listIterations: number;
    sortSamples: number;
    chunkRows: number;
    locationFilter: string;
    minScore: number;
    limit: number;
  };
  sqlite: SqliteSizeResult[];
  /** Raw better-sqlite3 prepared INSERT loop on a fresh file, same rows, same chunking. */
  rawInsert: (BulkInsertFigures & { storeToRawRatio: number }) | null;
  /** Bytes per row by table and index at the largest size (dbstat). */
  storage: StorageBreakdown | null;
  /** EXPLAIN QUERY PLAN of the store's statements at the largest size. */
  queryPlans: Record<string, string[]>;
  postgres: PostgresResult | { skipped: string } | null;
  /** Path of the kept SQLite file (keepDatabase). */
  databasePath?: string;
}
