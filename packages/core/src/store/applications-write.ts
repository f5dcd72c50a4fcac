import type { SqlDriver } from '../db/sql-driver.js';
import { JobSearchError } from '../errors.js';
import { nowIso } from '../time.js';
import { currentState } from './application-state.js';
import type { ApplicationRecord, ApplicationUpdate } from './application-types.js';
import { getApplication, POSTING_ROWS_SQL, type PostingRow } from './applications-read.js';

/** Notes longer than this are refused rather than cut: nothing the user typed is lost silently. */
export const MAX_NOTES_LENGTH = 10_000;

/**
 * Sets a posting's status and/or notes. The legacy table keys statuses by job_matches row (one
 * per search term), so every evaluation of the URL for the CV gets its `applications` row
 * written (inserted, or updated keeping created_at) in one transaction: the legacy app then
 * shows the same status under each search term. A change of status or notes adds a history row.
 * With `expectedUpdatedAt`, a posting changed by someone else since fails with CONFLICT.
 */
export async function setApplication(driver: SqlDriver, update: ApplicationUpdate): Promise<ApplicationRecord> {
  const notes = update.notes === undefined ? undefined : normaliseNotes(update.notes);
  return driver.transaction(async (tx) => {
    // PostgreSQL: lock the posting's evaluations so concurrent writers of the same posting (other
    // API instances) take turns. The lock is its own statement: under READ COMMITTED a statement
    // that waited for a row lock still reads the other tables as of its start, so the state is
    // read by the next statement, which sees what the previous writer committed. SQLite's BEGIN
    // IMMEDIATE already makes writers take turns.
    if (tx.provider === 'postgresql') {
      await tx.query(`SELECT id FROM job_matches WHERE job_url = ? AND cv_key = ? ORDER BY id FOR UPDATE`, [
        update.jobUrl,
        update.cvKey,
      ]);
    }
    const rows = await tx.query<PostingRow>(`${POSTING_ROWS_SQL} ORDER BY m.id`, [update.jobUrl, update.cvKey]);
    if (rows.length === 0) {
      throw new JobSearchError('NOT_FOUND', `No evaluation of ${update.jobUrl} for CV ${update.cvKey}`);
    }
    const current = currentState(rows);
    if (update.expectedUpdatedAt !== undefined && update.expectedUpdatedAt !== current.updatedAt) {
      throw new JobSearchError(
        'CONFLICT',
        `This posting was changed since you loaded it (now ${current.status}, updated ${current.updatedAt ?? 'never'}): reload it and apply your change again`,
        { details: { reason: 'stale', status: current.status, notes: current.notes, updatedAt: current.updatedAt } },
      );
    }
    const status = update.status ?? current.status;
    const nextNotes = notes === undefined ? current.notes : notes;
    const statusChanged = status !== current.status;
    const notesChanged = nextNotes !== current.notes;
    // Rows of a search term added after the last write, or a legacy database whose rows disagree,
    // are brought in line even when the posting's own state does not change.
    const agree = rows.every((row) => row.app_id != null && row.status === status && (row.notes ?? null) === nextNotes);
    if (!statusChanged && !notesChanged && agree) return (await getApplication(tx, update))!;

    const now = nowIso();
    const tuples = rows.map(() => '(?, ?, ?, ?, ?)').join(', ');
    await tx.execute(
      `INSERT INTO applications (job_match_id, status, notes, created_at, updated_at) VALUES ${tuples}
       ON CONFLICT (job_match_id) DO UPDATE SET status = excluded.status, notes = excluded.notes, updated_at = excluded.updated_at`,
      rows.flatMap((row) => [Number(row.match_id), status, nextNotes, now, now]),
    );
    if (statusChanged || notesChanged) {
      await tx.execute(
        `INSERT INTO application_status_history (job_url, cv_key, from_status, to_status, notes_changed, notes, changed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [
          update.jobUrl,
          update.cvKey,
          current.status,
          status,
          tx.provider === 'sqlite' ? Number(notesChanged) : notesChanged,
          notesChanged ? nextNotes : null,
          now,
        ],
      );
    }
    return (await getApplication(tx, update))!;
  });
}

/** Blank notes are no notes; trailing whitespace of a textarea is not a change. */
function normaliseNotes(notes: string | null): string | null {
  if (notes === null) return null;
  if (notes.length > MAX_NOTES_LENGTH) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `Notes are ${notes.length} characters long; at most ${MAX_NOTES_LENGTH} are kept. Shorten them and save again`,
    );
  }
  const trimmed = notes.trimEnd();
  return trimmed.trim() === '' ? null : trimmed;
}
