import { JobSearchError } from '../errors.js';
import type { SqlDriver, SqlValue } from '../db/sql-driver.js';
import { nowIso } from '../time.js';
import { MATCH_WRITE_COLUMNS, matchKey, STORED_FAILED_SQL } from './match-columns.js';
import type { InsertOutcome, MatchInput, OnDuplicate } from './types.js';

/** URLs per IN list: far below both providers' parameter limits. */
const CHUNK = 500;
/** Journal rows per multi-row INSERT (4 parameters each). */
const INSERT_CHUNK = 250;

/** A stored job_matches row: id and every written column, as the driver returned them. */
export type StoredMatchValues = Record<string, SqlValue>;

/**
 * What an import is about to overwrite, read before its rows are written: the previous values of
 * every stored row with one of its keys that the import may update (all of them with
 * onDuplicate 'update', else only failed evaluations, which a valid record replaces in any mode).
 * Opaque to callers: they hand it back to `writeImportJournal`.
 */
export interface ImportJournalSnapshot {
  readonly keys: readonly string[];
  readonly groups: ReadonlyMap<string, { searchTerm: string; cvKey: string }>;
  readonly previous: ReadonlyMap<string, StoredMatchValues>;
}

const STORED_COLUMNS = ['id', ...MATCH_WRITE_COLUMNS].join(', ');

function groupKey(searchTerm: string, cvKey: string): string {
  return `${searchTerm}\u0000${cvKey}`;
}

/** URLs of `keys` by (search term, cv_key): one IN list per chunk of a group. */
function urlsByGroup(inputs: readonly Pick<MatchInput, 'jobUrl' | 'searchTerm' | 'cvKey'>[]) {
  const groups = new Map<string, { searchTerm: string; cvKey: string; urls: Set<string> }>();
  for (const input of inputs) {
    const key = groupKey(input.searchTerm, input.cvKey);
    let group = groups.get(key);
    if (!group) {
      group = { searchTerm: input.searchTerm, cvKey: input.cvKey, urls: new Set() };
      groups.set(key, group);
    }
    group.urls.add(input.jobUrl);
  }
  return groups;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

export async function captureImportJournal(
  driver: SqlDriver,
  inputs: readonly MatchInput[],
  onDuplicate: OnDuplicate = 'skip',
): Promise<ImportJournalSnapshot> {
  const previous = new Map<string, StoredMatchValues>();
  const groups = urlsByGroup(inputs);
  // A plain import only ever overwrites a stored failed evaluation: read just those.
  const onlyFailed = onDuplicate === 'update' ? '' : ` AND ${STORED_FAILED_SQL}`;
  for (const group of groups.values()) {
    for (const urls of chunks([...group.urls], CHUNK)) {
      const rows = await driver.query<StoredMatchValues>(
        `SELECT ${STORED_COLUMNS} FROM job_matches WHERE search_term = ? AND cv_key = ? AND job_url IN (${urls.map(() => '?').join(', ')})${onlyFailed}`,
        [group.searchTerm, group.cvKey, ...urls],
      );
      for (const row of rows)
        previous.set(matchKey({ jobUrl: String(row.job_url), searchTerm: group.searchTerm, cvKey: group.cvKey }), row);
    }
  }
  return {
    keys: inputs.map(matchKey),
    groups: new Map([...groups].map(([key, g]) => [key, { searchTerm: g.searchTerm, cvKey: g.cvKey }])),
    previous,
  };
}

/**
 * Writes the undo journal of import `importId` in the import's transaction: a 'created' row per
 * inserted key and an 'updated' row, with the previous values, per key it updated or whose failed
 * evaluation it replaced; each with the row's updated_at as the import left it. Marks the import
 * as journaled, which is what tells an undoable import from one made before the journal existed.
 */
export async function writeImportJournal(
  driver: SqlDriver,
  importId: number,
  snapshot: ImportJournalSnapshot,
  outcomes: readonly InsertOutcome[],
): Promise<void> {
  if (outcomes.length !== snapshot.keys.length)
    throw new JobSearchError('INTERNAL', 'The import journal got outcomes for other records than it read.');
  const created = new Map<string, { searchTerm: string; cvKey: string; urls: string[] }>();
  const updated: SqlValue[][] = [];
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[i]!;
    const key = snapshot.keys[i]!;
    if (outcome === 'inserted') {
      const [url, term, cv] = key.split('\u0000') as [string, string, string];
      const gk = groupKey(term, cv);
      let group = created.get(gk);
      if (!group) {
        group = { searchTerm: term, cvKey: cv, urls: [] };
        created.set(gk, group);
      }
      group.urls.push(url);
    } else if (outcome === 'updated' || outcome === 'replaced') {
      const before = snapshot.previous.get(key);
      if (!before)
        throw new JobSearchError('INTERNAL', 'The import updated a row whose previous values were not read first.');
      const { id, ...values } = before;
      updated.push([importId, Number(id), 'updated', JSON.stringify(values)]);
    }
  }

  for (const group of created.values()) {
    for (const urls of chunks(group.urls, CHUNK)) {
      await driver.execute(
        `INSERT INTO legacy_import_rows (import_id, match_id, action, previous, written_at)
         SELECT ?, id, 'created', NULL, updated_at FROM job_matches
         WHERE search_term = ? AND cv_key = ? AND job_url IN (${urls.map(() => '?').join(', ')})`,
        [importId, group.searchTerm, group.cvKey, ...urls],
      );
    }
  }
  for (const rows of chunks(updated, INSERT_CHUNK)) {
    await driver.execute(
      `INSERT INTO legacy_import_rows (import_id, match_id, action, previous) VALUES ${rows.map(() => '(?, ?, ?, ?)').join(', ')}`,
      rows.flat(),
    );
  }
  if (updated.length > 0)
    await driver.execute(
      `UPDATE legacy_import_rows SET written_at = (SELECT m.updated_at FROM job_matches m WHERE m.id = legacy_import_rows.match_id)
       WHERE import_id = ? AND action = 'updated'`,
      [importId],
    );
  await driver.execute('UPDATE legacy_imports SET journaled_at = ? WHERE id = ?', [nowIso(), importId]);
}
