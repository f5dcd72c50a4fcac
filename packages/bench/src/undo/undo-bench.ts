import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Provider } from '@jobsearchai/core';
import { deleteMatchesSql, UNDO_DELETE_CHUNK } from '@jobsearchai/core/internal';
import { discoverLegacyMatchFiles, importLegacyFile } from '@jobsearchai/core/legacy-import';
import { openStore, type Store } from '@jobsearchai/core/store';
import { testSql } from '@jobsearchai/core/testing';
import { writeLegacyFiles } from '../migrate/legacy-files.js';
import { createScratchPostgres } from '../query/postgres-database.js';
import { silentProgress, type Progress } from '../util/progress.js';
import { makeTempDir } from '../util/temp-dir.js';
import { rawDeleteSqlite } from './raw-delete.js';
import type { ProviderUndoFigures, TimedFigures, UndoBenchOptions, UndoBenchResult } from './undo-types.js';

const SEARCH_TERM = 'IT';
const CV_KEY = '5e8d2f0a9b1c4e67';
const TARGET_MS = 2_000;

/**
 * Times `jobsearch-migrate undo`'s store call on a generated legacy file of `rows` records: the
 * undo of a plain import (its created rows deleted) and of a forced re-import (every row put
 * back), beside the raw floor — the undo's own DELETE statements over the same ids with nothing
 * around them. Each round imports afresh; the median of the rounds is reported.
 */
export async function benchUndo(
  options: UndoBenchOptions = {},
  progress: Progress = silentProgress,
): Promise<UndoBenchResult> {
  const rows = options.rows ?? 10_000;
  const repeats = options.repeats ?? 3;
  const temp = makeTempDir('undo');
  try {
    const files = writeLegacyFiles({
      dir: join(temp.path, 'job_matches'),
      records: rows,
      recordsPerFile: rows,
      seed: options.seed ?? 23,
    });
    const [file] = await discoverLegacyMatchFiles(files.dir);
    const changed = writeChangedCopy(file!, temp.path);
    const providers: ProviderUndoFigures[] = [];
    const sqlitePath = join(temp.path, 'undo.db');
    providers.push(
      await measureProvider('sqlite', `file:${sqlitePath}`, { file: file!, changed, repeats, progress, sqlitePath }),
    );
    if (options.postgresUrl) {
      const scratch = await createScratchPostgres(options.postgresUrl, 'undo');
      try {
        providers.push(await measureProvider('postgresql', scratch.url, { file: file!, changed, repeats, progress }));
      } finally {
        await scratch.drop();
      }
    }
    const worst = Math.max(...providers.flatMap((p) => [p.undoCreated.medianMs, p.undoUpdated.medianMs]));
    return {
      config: { rows, repeats, records: files.records, createdRows: providers[0]!.undoCreated.rows },
      providers,
      target: { maxMs: TARGET_MS, pass: worst <= TARGET_MS },
    };
  } finally {
    temp.remove();
  }
}

/** The same file with other reasoning in every record: a forced import of it updates every row. */
function writeChangedCopy(path: string, dir: string): string {
  const records = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>[];
  const changed = records.map((record) => ({
    ...record,
    reasoning: `${String(record.reasoning ?? record.Reasoning ?? '')} (überarbeitet)`,
  }));
  const target = join(dir, 'job_matches_20250401_080000.json');
  writeFileSync(target, JSON.stringify(changed));
  return target;
}

async function measureProvider(
  provider: Provider,
  url: string,
  context: { file: string; changed: string; repeats: number; progress: Progress; sqlitePath?: string },
): Promise<ProviderUndoFigures> {
  const store = await openStore({ url, migrate: true });
  const created: number[] = [];
  const updated: number[] = [];
  const raw: number[] = [];
  let createdRows = 0;
  let updatedRows = 0;
  let rawRows = 0;
  let importMs = 0;
  const importFile = async (path: string, force = false) =>
    importLegacyFile(store, {
      path,
      searchTerm: SEARCH_TERM,
      cvKey: CV_KEY,
      skipIfImported: false,
      onDuplicate: force ? 'update' : 'skip',
    });
  try {
    for (let round = 0; round < context.repeats; round++) {
      context.progress(`undo: ${provider}, round ${round + 1} of ${context.repeats}`);
      const importStarted = performance.now();
      const plain = await importFile(context.file);
      importMs = performance.now() - importStarted;

      context.progress(`undo: ${provider}, undo of the import`);
      let started = performance.now();
      const undoneCreated = await store.undoLegacyImport(plain.importId!);
      created.push(performance.now() - started);
      createdRows = undoneCreated.createdRemoved;

      await importFile(context.file);
      context.progress(`undo: ${provider}, forced re-import of every row`);
      const forced = await importFile(context.changed, true);
      context.progress(`undo: ${provider}, undo of the forced re-import`);
      started = performance.now();
      const undoneUpdated = await store.undoLegacyImport(forced.importId!);
      updated.push(performance.now() - started);
      updatedRows = undoneUpdated.updatedRestored;

      context.progress(`undo: ${provider}, plain DELETE of the same rows`);
      const ids = await matchIds(store);
      const rawRun =
        provider === 'sqlite' ? rawDeleteSqlite(context.sqlitePath!, ids) : await rawDeleteThroughDriver(store, ids);
      raw.push(rawRun.ms);
      rawRows = rawRun.deleted;
      if (rawRows !== createdRows)
        throw new Error(`The raw DELETE removed ${rawRows} rows, the undo ${createdRows}: not like for like.`);
    }
  } finally {
    await store.close();
  }
  const undoCreated = timed(createdRows, created);
  const rawDelete = timed(rawRows, raw);
  return {
    provider,
    importMs: Math.round(importMs),
    undoCreated,
    undoUpdated: timed(updatedRows, updated),
    rawDelete,
    undoToRaw: Math.round((undoCreated.medianMs / Math.max(rawDelete.medianMs, 0.01)) * 10) / 10,
  };
}

/** Ids of the benchmark's rows, read page by page (untimed). */
async function matchIds(store: Store): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listMatches({ searchTerm: SEARCH_TERM, cvKey: CV_KEY, status: 'all', limit: 200, cursor });
    for (const item of page.items) ids.push(item.id);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  // In id order, as the undo deletes them (its journal is in insert order): like for like.
  return ids.sort((a, b) => a - b);
}

/**
 * PostgreSQL's raw floor: the same DELETE statements in one transaction on the store's own
 * connection (the bench has no PostgreSQL client of its own), nothing else.
 */
async function rawDeleteThroughDriver(store: Store, ids: readonly number[]): Promise<{ deleted: number; ms: number }> {
  const started = performance.now();
  const deleted = await store.transaction(async (tx) => {
    let count = 0;
    for (let start = 0; start < ids.length; start += UNDO_DELETE_CHUNK) {
      const chunk = ids.slice(start, start + UNDO_DELETE_CHUNK);
      count += await testSql(tx).execute(deleteMatchesSql(chunk.length), chunk);
    }
    return count;
  });
  return { deleted, ms: performance.now() - started };
}

function timed(rows: number, samples: number[]): TimedFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return { rows, ms: samples.map((ms) => Math.round(ms * 10) / 10), medianMs: Math.round(median * 10) / 10 };
}
