import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store } from '@jobsearchai/core/store';
import { measureLatency } from '../stats/measure.js';
import { summarizeLatencies, type LatencySummary } from '../stats/percentiles.js';
import { silentProgress, type Progress } from '../util/progress.js';
import { makeTempDir } from '../util/temp-dir.js';
import { createScratchPostgres, DEFAULT_POSTGRES_URL } from './postgres-database.js';
import type { PairedLatency, PostgresResult, QueryOptions, QueryResult, SqliteSizeResult } from './query-types.js';
import { rawBulkInsert } from './raw-insert.js';
import { DATE_SORT_SQL, RAW_SQL, RawSqlite } from './raw-sqlite.js';
import { seedStore } from './seed-store.js';
import { listOps, lookupOps, pageOps } from './workload.js';

const MIN_SCORE = 6;
const LIMIT = 50;
/** "St. Gallen" postings are about a fifth of the data set, as on ostjob. */
const LOCATION_FILTER = 'Gallen';

/**
 * Seeds one SQLite database up to each size in turn through the store's bulk path, and at each
 * size times the dedup lookup, the 10-URL page check and the dashboard list through the store
 * beside raw better-sqlite3 prepared statements on the same file. Optionally the same through
 * the store on PostgreSQL.
 */
export async function benchQuery(
  options: QueryOptions = {},
  progress: Progress = silentProgress,
): Promise<QueryResult> {
  const sizes = [...(options.sizes ?? [10_000, 100_000, 1_000_000])].sort((a, b) => a - b);
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 100))
    throw new RangeError('sizes must be integers ≥ 100');
  const iterations = options.iterations ?? 5_000;
  const listIterations = options.listIterations ?? 2_000;
  const sortSamples = options.sortSamples ?? 15;
  const chunkRows = options.chunkRows ?? 5_000;
  const seed = options.seed ?? 7;
  const largest = sizes[sizes.length - 1]!;
  const temp = options.workDir ? undefined : makeTempDir('query');
  const dir = options.workDir ?? temp!.path;
  const path = join(dir, 'query-bench.db');
  const result: QueryResult = {
    config: {
      sizes,
      iterations,
      listIterations,
      sortSamples,
      chunkRows,
      locationFilter: LOCATION_FILTER,
      minScore: MIN_SCORE,
      limit: LIMIT,
    },
    sqlite: [],
    rawInsert: null,
    storage: null,
    queryPlans: {},
    postgres: null,
  };
  try {
    if (existsSync(path)) throw new Error(`${path} exists: the query benchmark needs a fresh file.`);
    const store = await openStore({ url: `file:${path}`, migrate: true });
    const raw = new RawSqlite(path);
    try {
      let seeded = 0;
      for (const size of sizes) {
        progress(
          `query: seeding SQLite to ${size.toLocaleString('en-US')} rows through store.insertMatches (chunks of ${chunkRows})`,
        );
        const seeding = await seedStore(store, seeded, size, chunkRows, progress);
        seeded = size;
        raw.checkpoint();
        progress(
          `query: ${size.toLocaleString('en-US')} rows seeded at ${seeding.recordsPerSecond.toLocaleString('en-US')} rec/s; timing queries`,
        );
        const operations = await measureSqlite(store, raw, size, iterations, listIterations, seed);
        const dateSorts = await measureDateSorts(store, sortSamples, seed);
        const fileBytes = raw.databaseBytes();
        const sizeResult: SqliteSizeResult = {
          rows: size,
          seeding,
          fileBytes,
          bytesPerRow: Math.round(fileBytes / size),
          pageSize: raw.pageSize(),
          operations,
          dateSorts,
        };
        result.sqlite.push(sizeResult);
        progress(
          `query: ${size.toLocaleString('en-US')} rows — page check p95 ${operations.pageCheck.store.p95Us} µs (raw ${operations.pageCheck.raw.p95Us}), ` +
            `list p95 ${operations.list.store.p95Us} µs (raw ${operations.list.raw.p95Us}), ${sizeResult.bytesPerRow} B/row`,
        );
      }
      for (const [name, sql] of Object.entries({ ...RAW_SQL, ...DATE_SORT_SQL }))
        result.queryPlans[name] = raw.plan(sql);
      progress('query: storage breakdown (dbstat)');
      result.storage = raw.storage(largest);
    } finally {
      raw.close();
      await store.close();
    }
    if (options.keepDatabase) result.databasePath = path;

    const rawRows = options.rawInsertRows ?? Math.min(largest, 100_000);
    if (rawRows > 0) {
      progress(`query: raw better-sqlite3 insert loop, ${rawRows.toLocaleString('en-US')} rows on a fresh file`);
      const rawPath = join(dir, 'raw-insert.db');
      // The store creates the schema (same page size and indexes); the raw loop only inserts.
      await (await openStore({ url: `file:${rawPath}`, migrate: true })).close();
      const figures = rawBulkInsert(rawPath, rawRows, chunkRows);
      const storeAtSameSize = weightedRate(result.sqlite, rawRows) ?? result.sqlite[0]!.seeding.recordsPerSecond;
      result.rawInsert = { ...figures, storeToRawRatio: round2(storeAtSameSize / figures.recordsPerSecond) };
      progress(
        `query: raw insert ${figures.recordsPerSecond.toLocaleString('en-US')} rec/s vs store ${storeAtSameSize.toLocaleString('en-US')} rec/s`,
      );
    }

    const pgRows = options.postgresRows ?? 0;
    if (pgRows > 0)
      result.postgres = await benchPostgres(
        options.postgresUrl ?? DEFAULT_POSTGRES_URL,
        pgRows,
        chunkRows,
        iterations,
        listIterations,
        seed,
        progress,
      );
  } finally {
    if (!options.keepDatabase) temp?.remove();
  }
  return result;
}

/** The store's rate over the first `rows` rows seeded (sizes are cumulative). */
function weightedRate(sizes: readonly SqliteSizeResult[], rows: number): number | undefined {
  let count = 0;
  let ms = 0;
  for (const size of sizes) {
    if (count >= rows) break;
    count += size.seeding.rows;
    ms += size.seeding.insertMs;
  }
  return ms > 0 ? Math.round(count / (ms / 1000)) : undefined;
}

async function measureSqlite(
  store: Store,
  raw: RawSqlite,
  rows: number,
  iterations: number,
  listIterations: number,
  seed: number,
): Promise<SqliteSizeResult['operations']> {
  const lookups = lookupOps(rows, iterations + 200, seed);
  const pages = pageOps(rows, iterations + 200, seed + 1);
  const lists = listOps(listIterations + 100, seed + 2);
  return {
    lookup: await paired(
      (i) => store.findNewPostings([lookups[i]!.url], lookups[i]!.searchTerm, lookups[i]!.cvKey),
      (i) => raw.lookup(lookups[i]!.url, lookups[i]!.searchTerm, lookups[i]!.cvKey),
      iterations,
      200,
    ),
    pageCheck: await paired(
      (i) => store.findNewPostings(pages[i]!.urls, pages[i]!.searchTerm, pages[i]!.cvKey),
      (i) => raw.pageCheck(pages[i]!.urls, pages[i]!.searchTerm, pages[i]!.cvKey),
      iterations,
      200,
    ),
    list: await paired(
      (i) =>
        store.listMatches({
          searchTerm: lists[i]!.searchTerm,
          cvKey: lists[i]!.cvKey,
          minScore: MIN_SCORE,
          limit: LIMIT,
        }),
      (i) => raw.list(lists[i]!.searchTerm, lists[i]!.cvKey, MIN_SCORE, LIMIT),
      listIterations,
      100,
    ),
    listLocation: await paired(
      (i) =>
        store.listMatches({
          searchTerm: lists[i]!.searchTerm,
          cvKey: lists[i]!.cvKey,
          minScore: MIN_SCORE,
          location: LOCATION_FILTER,
          limit: LIMIT,
        }),
      (i) => raw.listLocation(lists[i]!.searchTerm, lists[i]!.cvKey, MIN_SCORE, LOCATION_FILTER, LIMIT),
      listIterations,
      100,
    ),
  };
}

/** The date sort of the dashboard: few samples, since without a fitting index each one sorts a whole term. */
async function measureDateSorts(store: Store, samples: number, seed: number): Promise<SqliteSizeResult['dateSorts']> {
  const lists = listOps(samples + 1, seed + 3);
  return {
    listByDate: await measureLatency(
      (i) =>
        store.listMatches({
          searchTerm: lists[i]!.searchTerm,
          cvKey: lists[i]!.cvKey,
          sort: 'date_desc',
          limit: LIMIT,
        }),
      { iterations: samples, warmup: 1 },
    ),
    listByDateAllCvs: await measureLatency(
      (i) => store.listMatches({ searchTerm: lists[i]!.searchTerm, sort: 'date_desc', limit: LIMIT }),
      { iterations: samples, warmup: 1 },
    ),
  };
}

/**
 * Times the store and the raw statement on the same inputs, alternating which goes first, so
 * neither side is systematically the one that finds the pages already cached.
 */
async function paired(
  storeOp: (i: number) => Promise<unknown>,
  rawOp: (i: number) => unknown,
  iterations: number,
  warmup: number,
): Promise<PairedLatency> {
  for (let i = 0; i < warmup; i++) {
    await storeOp(i);
    rawOp(i);
  }
  const storeSamples: number[] = [];
  const rawSamples: number[] = [];
  for (let n = 0; n < iterations; n++) {
    const i = warmup + n;
    if (n % 2 === 0) {
      storeSamples.push(await timeAsync(() => storeOp(i)));
      rawSamples.push(timeSync(() => rawOp(i)));
    } else {
      rawSamples.push(timeSync(() => rawOp(i)));
      storeSamples.push(await timeAsync(() => storeOp(i)));
    }
  }
  const store = summarizeLatencies(storeSamples);
  const raw = summarizeLatencies(rawSamples);
  return { store, raw, ratioP50: round2(store.p50Us / raw.p50Us), ratioP95: round2(store.p95Us / raw.p95Us) };
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1000;
}

function timeSync(fn: () => unknown): number {
  const started = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - started) / 1000;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

async function benchPostgres(
  adminUrl: string,
  rows: number,
  chunkRows: number,
  iterations: number,
  listIterations: number,
  seed: number,
  progress: Progress,
): Promise<PostgresResult | { skipped: string }> {
  let scratch: Awaited<ReturnType<typeof createScratchPostgres>>;
  try {
    scratch = await createScratchPostgres(adminUrl, 'query');
  } catch (error) {
    const reason = `PostgreSQL at ${new URL(adminUrl).host} is not reachable: ${error instanceof Error ? error.message : String(error)}`;
    progress(`query: ${reason} — skipped`);
    return { skipped: reason };
  }
  try {
    const store = await openStore({ url: scratch.url, migrate: true });
    try {
      progress(`query: seeding PostgreSQL to ${rows.toLocaleString('en-US')} rows through store.insertMatches`);
      const seeding = await seedStore(store, 0, rows, chunkRows, progress);
      // Autovacuum would analyze the freshly filled table within a minute; do it now so the plans are the steady-state ones.
      await store.analyze();
      const lookups = lookupOps(rows, iterations + 200, seed);
      const pages = pageOps(rows, iterations + 200, seed + 1);
      const lists = listOps(listIterations + 100, seed + 2);
      const time = (fn: (i: number) => Promise<unknown>, n: number, warmup: number): Promise<LatencySummary> =>
        measureLatency(fn, { iterations: n, warmup });
      const operations = {
        lookup: await time(
          (i) => store.findNewPostings([lookups[i]!.url], lookups[i]!.searchTerm, lookups[i]!.cvKey),
          iterations,
          200,
        ),
        pageCheck: await time(
          (i) => store.findNewPostings(pages[i]!.urls, pages[i]!.searchTerm, pages[i]!.cvKey),
          iterations,
          200,
        ),
        list: await time(
          (i) =>
            store.listMatches({
              searchTerm: lists[i]!.searchTerm,
              cvKey: lists[i]!.cvKey,
              minScore: MIN_SCORE,
              limit: LIMIT,
            }),
          listIterations,
          100,
        ),
        listLocation: await time(
          (i) =>
            store.listMatches({
              searchTerm: lists[i]!.searchTerm,
              cvKey: lists[i]!.cvKey,
              minScore: MIN_SCORE,
              location: LOCATION_FILTER,
              limit: LIMIT,
            }),
          listIterations,
          100,
        ),
      };
      const bytes = await store.tableBytes('job_matches');
      progress(
        `query: PostgreSQL ${rows.toLocaleString('en-US')} rows — page check p95 ${operations.pageCheck.p95Us} µs, list p95 ${operations.list.p95Us} µs`,
      );
      return { rows, seeding, bytesPerRow: Math.round(bytes / rows), operations };
    } finally {
      await store.close();
    }
  } finally {
    await scratch.drop();
  }
}
