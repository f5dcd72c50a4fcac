import type { SqlDriver } from '../db/sql-driver.js';
import { parseJsonText } from './match-columns.js';
import type { ModelClient } from './model-client.js';
import type { LegacyImportInput, LegacyImportRecord } from './types.js';

export async function recordLegacyImport(driver: SqlDriver, input: LegacyImportInput): Promise<number> {
  const rows = await driver.query<{ id: number }>(
    `INSERT INTO legacy_imports (file_path, file_name, sha256, search_term, cv_key, records, migrated, duplicates, updated, rejected, status, details, started_at, finished_at, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      input.filePath, input.fileName, input.sha256, input.searchTerm, input.cvKey, input.records, input.migrated, input.duplicates,
      input.updated, input.rejected, input.status, input.details ? JSON.stringify(input.details) : null, input.startedAt, input.finishedAt, input.durationMs,
    ],
  );
  return Number(rows[0]!.id);
}

type ImportModel = Awaited<ReturnType<ModelClient['legacyImport']['findFirstOrThrow']>>;

function toRecord(row: ImportModel): LegacyImportRecord {
  return {
    id: row.id,
    filePath: row.filePath,
    fileName: row.fileName,
    sha256: row.sha256,
    searchTerm: row.searchTerm,
    cvKey: row.cvKey,
    records: row.records,
    migrated: row.migrated,
    duplicates: row.duplicates,
    updated: row.updated,
    rejected: row.rejected,
    status: row.status as LegacyImportRecord['status'],
    details: parseJsonText(row.details) as Record<string, unknown> | null,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt ?? row.startedAt,
    durationMs: row.durationMs ?? 0,
  };
}

/** Completed imports of a file with this content (any path): re-running skips them. */
export async function findLegacyImports(models: ModelClient, sha256: string): Promise<LegacyImportRecord[]> {
  const rows = await models.legacyImport.findMany({ where: { sha256, status: { not: 'failed' } }, orderBy: { id: 'asc' } });
  return rows.map(toRecord);
}

export async function listLegacyImports(models: ModelClient): Promise<LegacyImportRecord[]> {
  const rows = await models.legacyImport.findMany({ orderBy: { id: 'asc' } });
  return rows.map(toRecord);
}
