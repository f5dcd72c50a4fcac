import type { SqlDriver } from '../db/sql-driver.js';
import { parseJsonText } from './match-columns.js';
import type { LegacyImportRow } from './row-types.js';
import type { LegacyImportInput, LegacyImportRecord } from './types.js';

/** Whether an import's rows are in the database: completed (with or without rejected records), not failed or undone. */
export function isCompletedImport(record: Pick<LegacyImportInput, 'status'>): boolean {
  return record.status === 'completed' || record.status === 'completed_with_errors';
}

export async function recordLegacyImport(driver: SqlDriver, input: LegacyImportInput): Promise<number> {
  const rows = await driver.query<{ id: number }>(
    `INSERT INTO legacy_imports (file_path, file_name, sha256, search_term, cv_key, records, migrated, duplicates, updated, rejected, status, details, started_at, finished_at, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      input.filePath,
      input.fileName,
      input.sha256,
      input.searchTerm,
      input.cvKey,
      input.records,
      input.migrated,
      input.duplicates,
      input.updated,
      input.rejected,
      input.status,
      input.details ? JSON.stringify(input.details) : null,
      input.startedAt,
      input.finishedAt,
      input.durationMs,
    ],
  );
  return Number(rows[0]!.id);
}

/** Every column, under the model's field names. */
const IMPORT_COLUMNS = `id, file_path AS "filePath", file_name AS "fileName", sha256, search_term AS "searchTerm", cv_key AS "cvKey",
  records, migrated, duplicates, updated, rejected, status, details, started_at AS "startedAt", finished_at AS "finishedAt", duration_ms AS "durationMs",
  journaled_at AS "journaledAt", undone_at AS "undoneAt"`;

function toRecord(row: LegacyImportRow): LegacyImportRecord {
  return {
    id: Number(row.id),
    filePath: row.filePath,
    fileName: row.fileName,
    sha256: row.sha256,
    searchTerm: row.searchTerm,
    cvKey: row.cvKey,
    records: Number(row.records),
    migrated: Number(row.migrated),
    duplicates: Number(row.duplicates),
    updated: Number(row.updated),
    rejected: Number(row.rejected),
    status: row.status as LegacyImportRecord['status'],
    details: parseJsonText(row.details) as Record<string, unknown> | null,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt ?? row.startedAt,
    durationMs: row.durationMs ?? 0,
    journaledAt: row.journaledAt ?? null,
    undoneAt: row.undoneAt ?? null,
  };
}

/** Completed imports of a file with this content (any path), oldest first: re-running skips them. Undone ones do not count. */
export async function findLegacyImports(driver: SqlDriver, sha256: string): Promise<LegacyImportRecord[]> {
  const rows = await driver.query<LegacyImportRow>(
    `SELECT ${IMPORT_COLUMNS} FROM legacy_imports WHERE sha256 = ? AND status <> 'failed' AND status <> 'undone' ORDER BY id`,
    [sha256],
  );
  return rows.map(toRecord);
}

/** Every import attempt, failed and undone ones included, oldest first. */
export async function listLegacyImports(driver: SqlDriver): Promise<LegacyImportRecord[]> {
  const rows = await driver.query<LegacyImportRow>(`SELECT ${IMPORT_COLUMNS} FROM legacy_imports ORDER BY id`);
  return rows.map(toRecord);
}

/**
 * Legacy JSON records processed by `jobsearch-migrate`, summed over every import that wrote rows
 * (undone ones too: their records were processed; failed imports wrote none). Computed from the
 * database, so every process that exposes metrics counts every CLI run.
 */
export interface MigrationRecordTotals {
  imports: number;
  migrated: number;
  duplicate: number;
  updated: number;
  /** Stored failed evaluations a successful record replaced (`details.replacedFailed`). */
  replaced: number;
  rejected: number;
}

export async function migrationRecordTotals(driver: SqlDriver): Promise<MigrationRecordTotals> {
  const rows = await driver.query<{
    migrated: unknown;
    duplicates: unknown;
    updated: unknown;
    rejected: unknown;
    details: string | null;
  }>(
    `SELECT migrated, duplicates, updated, rejected, details FROM legacy_imports WHERE status IN ('completed', 'completed_with_errors', 'undone')`,
  );
  const totals: MigrationRecordTotals = {
    imports: rows.length,
    migrated: 0,
    duplicate: 0,
    updated: 0,
    replaced: 0,
    rejected: 0,
  };
  for (const row of rows) {
    totals.migrated += Number(row.migrated);
    totals.duplicate += Number(row.duplicates);
    totals.updated += Number(row.updated);
    totals.rejected += Number(row.rejected);
    const details = parseJsonText(row.details) as { replacedFailed?: unknown } | null;
    const replaced = Number(details?.replacedFailed ?? 0);
    if (Number.isFinite(replaced)) totals.replaced += replaced;
  }
  return totals;
}
