import { resolve } from 'node:path';
import { isJobSearchError, type LegacyImportRecord, type Provider, type TableCounts } from '@jobsearchai/core';
import { DEFAULT_BACKUP_DIR, latestBackup, type BackupFile } from '@jobsearchai/core/backup';
import { isCompletedImport, openStore, type SchemaStatus, type Store } from '@jobsearchai/core/store';
import { databaseTarget, type CommonOptions } from '../config.js';

export interface StatusOptions extends CommonOptions {
  backupDir?: string;
}

export interface StatusResult {
  ok: true;
  provider: Provider;
  database: string;
  /** SQLite: the file and its WAL; PostgreSQL: pg_database_size. */
  sizeBytes: number;
  schema: SchemaStatus;
  /** Null while the schema is not current (run init). */
  counts: TableCounts | null;
  lastBackup: BackupFile | null;
  lastImport: LegacyImportRecord | null;
  /** Every legacy file imported so far (failed and undone attempts excluded). */
  imports: { files: number; records: number; migrated: number } | null;
  /** Every import attempt, oldest first, with the id `jobsearch-migrate undo` takes. */
  importList: ImportListEntry[];
}

export interface ImportListEntry {
  id: number;
  fileName: string;
  searchTerm: string;
  cvKey: string;
  /** When it finished. */
  importedAt: string;
  status: LegacyImportRecord['status'];
  /** Rows it inserted. */
  created: number;
  /** Rows it overwrote: --force updates and failed evaluations it replaced. */
  updated: number;
  undoneAt: string | null;
  /** False for failed and undone imports and for imports made before the undo journal existed. */
  undoable: boolean;
}

/** What an operator checks before and after a migration. Read-only (works on a file this user cannot write): a missing database is an error, not created. */
export async function status(options: StatusOptions): Promise<StatusResult> {
  const target = databaseTarget(options);
  const store = await openStore({ url: target.url, cwd: options.cwd, create: false, readonly: true });
  try {
    const schema = await store.schemaStatus();
    const imports = schema.current ? await store.listLegacyImports() : null;
    const done = imports?.filter(isCompletedImport) ?? null;
    return {
      ok: true,
      provider: target.location.provider,
      database: target.display,
      sizeBytes: (await store.databaseSize()).totalBytes,
      schema,
      counts: await countsOrNull(store),
      lastBackup: await latestBackup(resolve(options.cwd, options.backupDir ?? DEFAULT_BACKUP_DIR)),
      lastImport: imports?.at(-1) ?? null,
      imports: done && { files: done.length, records: sum(done, 'records'), migrated: sum(done, 'migrated') },
      importList: (imports ?? []).map(listEntry),
    };
  } finally {
    await store.close();
  }
}

async function countsOrNull(store: Store): Promise<TableCounts | null> {
  try {
    return await store.tableCounts();
  } catch (error) {
    // A legacy database lacks this release's tables until init adopts it.
    if (isJobSearchError(error, 'DB_SCHEMA')) return null;
    throw error;
  }
}

function listEntry(record: LegacyImportRecord): ImportListEntry {
  const replaced = Number(record.details?.replacedFailed ?? 0);
  return {
    id: record.id,
    fileName: record.fileName,
    searchTerm: record.searchTerm,
    cvKey: record.cvKey,
    importedAt: record.finishedAt,
    status: record.status,
    created: record.migrated,
    updated: record.updated + (Number.isFinite(replaced) ? replaced : 0),
    undoneAt: record.undoneAt,
    undoable: isCompletedImport(record) && record.journaledAt !== null,
  };
}

function sum(rows: readonly LegacyImportRecord[], key: 'records' | 'migrated'): number {
  return rows.reduce((total, row) => total + row[key], 0);
}
