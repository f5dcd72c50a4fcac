import { JobSearchError } from '../errors.js';
import type { SqlDriver, SqlValue } from '../db/sql-driver.js';
import { nowIso } from '../time.js';
import { MATCH_WRITE_COLUMNS, SUB_SCORE_COLUMNS } from './match-columns.js';

/** Ids per DELETE (deleteMatchesSql). */
export const UNDO_DELETE_CHUNK = 500;

/** Why a row blocks an undo: something wrote it after the import. */
export type UndoRefusalReason = 'changed' | 'later-import' | 'application' | 'deleted';

export interface UndoRowReport {
  matchId: number;
  action: 'created' | 'updated';
  jobUrl: string | null;
  searchTerm: string | null;
  cvKey: string | null;
  reason: UndoRefusalReason;
  /** Readable: what the later write was. */
  detail: string;
}

export interface UndoImportResult {
  importId: number;
  fileName: string;
  importedAt: string;
  /** Nothing written: what an undo would do. */
  dryRun: boolean;
  force: boolean;
  /** True when the rows were removed and restored and the import marked undone (in one transaction). */
  applied: boolean;
  /** Rows the import created, deleted now (or that a dry run would delete). */
  createdRemoved: number;
  /** Rows it created that something else had deleted since: nothing left to remove. */
  createdAlreadyGone: number;
  /** Rows it updated, put back to their previous values (or that a dry run would put back). */
  updatedRestored: number;
  /** Rows written after the import: without `force` nothing is undone while there is one. */
  refused: UndoRowReport[];
}

interface JournalRow {
  match_id: SqlValue;
  action: string;
  previous: string | null;
  written_at: string | null;
  present: SqlValue;
  job_url: string | null;
  search_term: string | null;
  cv_key: string | null;
  updated_at: string | null;
  later_import: SqlValue;
  applications: SqlValue;
}

/** The journal of an import with the current state of each row and what wrote it since. */
const JOURNAL_SQL = `SELECT j.match_id, j.action, j.previous, j.written_at, m.id AS present, m.job_url, m.search_term, m.cv_key, m.updated_at,
  (SELECT MIN(l.import_id) FROM legacy_import_rows l WHERE l.match_id = j.match_id AND l.import_id > j.import_id) AS later_import,
  (SELECT COUNT(*) FROM applications a WHERE a.job_match_id = j.match_id) AS applications
FROM legacy_import_rows j LEFT JOIN job_matches m ON m.id = j.match_id WHERE j.import_id = ? ORDER BY j.id`;

interface ImportState {
  id: SqlValue;
  file_name: string;
  status: string;
  finished_at: string | null;
  started_at: string;
  journaled_at: string | null;
  undone_at: string | null;
}

async function loadImport(driver: SqlDriver, importId: number): Promise<ImportState> {
  const [row] = await driver.query<ImportState>(
    'SELECT id, file_name, status, started_at, finished_at, journaled_at, undone_at FROM legacy_imports WHERE id = ?',
    [importId],
  );
  if (!row)
    throw new JobSearchError(
      'NOT_FOUND',
      `There is no import ${importId}; \`jobsearch-migrate status\` lists the imports and their ids.`,
    );
  const name = `Import ${importId} (${row.file_name})`;
  if (row.undone_at !== null || row.status === 'undone')
    throw new JobSearchError('CONFLICT', `${name} was already undone at ${row.undone_at}; nothing to undo.`);
  if (row.status === 'failed')
    throw new JobSearchError('CONFLICT', `${name} failed and wrote no rows; nothing to undo.`);
  if (row.journaled_at === null)
    throw new JobSearchError(
      'CONFLICT',
      `${name} was made before imports kept an undo journal and cannot be undone; restore the backup taken before it with \`jobsearch-migrate restore <file>\`.`,
    );
  return row;
}

/** The id of the newest import that is not failed or undone, for `undo --last`. */
export async function lastUndoableImport(driver: SqlDriver): Promise<number> {
  const [row] = await driver.query<{ id: SqlValue }>(
    "SELECT id FROM legacy_imports WHERE status <> 'failed' AND status <> 'undone' AND undone_at IS NULL ORDER BY id DESC LIMIT 1",
  );
  if (!row) throw new JobSearchError('NOT_FOUND', 'There is no import to undo; `jobsearch-migrate status` lists them.');
  return Number(row.id);
}

function refusal(row: JournalRow, force: boolean): UndoRowReport | null {
  const action = row.action === 'created' ? 'created' : 'updated';
  const report = (reason: UndoRefusalReason, detail: string): UndoRowReport => ({
    matchId: Number(row.match_id),
    action,
    jobUrl: row.job_url ?? previousField(row, 'job_url'),
    searchTerm: row.search_term ?? previousField(row, 'search_term'),
    cvKey: row.cv_key ?? previousField(row, 'cv_key'),
    reason,
    detail,
  });
  if (row.present === null)
    return action === 'updated'
      ? report('deleted', force ? 'deleted since the import; inserted again' : 'deleted since the import')
      : null;
  if (row.later_import !== null) return report('later-import', `written again by import ${Number(row.later_import)}`);
  if (row.updated_at !== row.written_at) return report('changed', `updated at ${row.updated_at} after the import`);
  if (action === 'created' && Number(row.applications) > 0)
    return report('application', 'has an application record, which removing the row would delete');
  return null;
}

function previousField(row: JournalRow, column: string): string | null {
  if (!row.previous) return null;
  const value = (JSON.parse(row.previous) as Record<string, SqlValue>)[column];
  return value == null ? null : String(value);
}

/**
 * Takes back import `importId` in ONE transaction: deletes the rows it created and puts back the
 * previous values of the rows it updated, then marks the import 'undone' (so the same file can be
 * imported again) and drops its journal. A row written after the import (a later updated_at, a
 * later import, an application record) refuses the whole undo, listed in the result, unless
 * `force`. `dryRun` reports the same numbers and writes nothing.
 */
export async function undoLegacyImport(
  driver: SqlDriver,
  importId: number,
  options: { force?: boolean; dryRun?: boolean } = {},
): Promise<UndoImportResult> {
  const force = options.force ?? false;
  const dryRun = options.dryRun ?? false;
  return driver.transaction(async (tx) => {
    const state = await loadImport(tx, importId);
    const rows = await tx.query<JournalRow>(JOURNAL_SQL, [importId]);
    const refused: UndoRowReport[] = [];
    const remove: number[] = [];
    const restore: JournalRow[] = [];
    let alreadyGone = 0;
    let withApplications = false;
    for (const row of rows) {
      const blocked = refusal(row, force);
      if (blocked) refused.push(blocked);
      if (row.action === 'created') {
        if (row.present === null) alreadyGone++;
        else {
          remove.push(Number(row.match_id));
          if (Number(row.applications) > 0) withApplications = true;
        }
      } else restore.push(row);
    }
    const result: UndoImportResult = {
      importId,
      fileName: state.file_name,
      importedAt: state.finished_at ?? state.started_at,
      dryRun,
      force,
      applied: false,
      createdRemoved: remove.length,
      createdAlreadyGone: alreadyGone,
      updatedRestored: restore.length,
      refused,
    };
    if (dryRun || (refused.length > 0 && !force)) return result;

    for (let start = 0; start < remove.length; start += UNDO_DELETE_CHUNK) {
      const ids = remove.slice(start, start + UNDO_DELETE_CHUNK);
      const list = ids.map(() => '?').join(', ');
      // Cascades on SQLite; said explicitly for databases whose foreign key is missing.
      if (withApplications) await tx.execute(`DELETE FROM applications WHERE job_match_id IN (${list})`, ids);
      await tx.execute(deleteMatchesSql(ids.length), ids);
    }
    await restoreRows(tx, restore);
    await tx.execute("UPDATE legacy_imports SET status = 'undone', undone_at = ? WHERE id = ?", [nowIso(), importId]);
    await tx.execute('DELETE FROM legacy_import_rows WHERE import_id = ?', [importId]);
    return { ...result, applied: true };
  });
}

/** The DELETE an undo runs for `n` rows it created (by id; n ≤ 500 per statement). */
export function deleteMatchesSql(n: number): string {
  return `DELETE FROM job_matches WHERE id IN (${Array.from({ length: n }, () => '?').join(', ')})`;
}

const RESTORE_SQL = `UPDATE job_matches SET ${MATCH_WRITE_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`;
const REINSERT_SQL = `INSERT INTO job_matches (id, ${MATCH_WRITE_COLUMNS.join(', ')}) VALUES (?, ${MATCH_WRITE_COLUMNS.map(() => '?').join(', ')})`;

function previousValues(row: JournalRow): SqlValue[] {
  const previous = JSON.parse(row.previous ?? '{}') as Record<string, SqlValue>;
  return MATCH_WRITE_COLUMNS.map((c) => previous[c] ?? null);
}

/** Integer columns of job_matches: PostgreSQL types a VALUES list from its parameters as text otherwise. */
const INTEGER_COLUMNS = new Set<string>(['overall_match', ...SUB_SCORE_COLUMNS, 'run_id']);
/** Rows per PostgreSQL UPDATE … FROM (VALUES …): 27 parameters each. */
const RESTORE_CHUNK = 200;

function restoreFromValuesSql(rows: number): string {
  const tuple = `(CAST(? AS INTEGER), ${MATCH_WRITE_COLUMNS.map((c) => (INTEGER_COLUMNS.has(c) ? 'CAST(? AS INTEGER)' : '?')).join(', ')})`;
  return `UPDATE job_matches AS m SET ${MATCH_WRITE_COLUMNS.map((c) => `${c} = v.${c}`).join(', ')}
    FROM (VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}) AS v(id, ${MATCH_WRITE_COLUMNS.join(', ')})
    WHERE m.id = v.id`;
}

/**
 * Puts back the values rows had before the import; a row deleted since (only with force) is
 * inserted again under its id. SQLite: one cached UPDATE per row (no round trips); PostgreSQL:
 * one UPDATE … FROM (VALUES …) per 200 rows, since a round trip per row made 10,000 restores take 3 s.
 */
async function restoreRows(tx: SqlDriver, rows: readonly JournalRow[]): Promise<void> {
  const present = rows.filter((row) => row.present !== null);
  for (const row of rows)
    if (row.present === null) await tx.execute(REINSERT_SQL, [Number(row.match_id), ...previousValues(row)]);
  if (tx.provider === 'sqlite') {
    for (const row of present) await tx.execute(RESTORE_SQL, [...previousValues(row), Number(row.match_id)]);
    return;
  }
  for (let start = 0; start < present.length; start += RESTORE_CHUNK) {
    const chunk = present.slice(start, start + RESTORE_CHUNK);
    await tx.execute(
      restoreFromValuesSql(chunk.length),
      chunk.flatMap((row) => [Number(row.match_id), ...previousValues(row)]),
    );
  }
}
