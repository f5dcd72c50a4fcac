import { type ApplicationStatus, isApplicationStatus } from '../applications.js';
import { parseLegacyTimestamp } from '../time.js';

/** One `applications` row of a posting, as the store's queries return it. */
export interface ApplicationRow {
  app_id: number | string | null;
  status: string | null;
  notes: string | null;
  created_at: string | null;
  updated_at: string | null;
}

export interface ApplicationState {
  status: ApplicationStatus;
  notes: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export const UNTRACKED: ApplicationState = { status: 'MATCHED', notes: null, createdAt: null, updatedAt: null };

/**
 * A status as stored: the legacy code writes the upper-case names; anything else it could have
 * left (another case, stray spaces) is read as its name, an unknown word as MATCHED.
 */
export function readStatus(value: unknown): ApplicationStatus {
  const text = typeof value === 'string' ? value.trim().toUpperCase() : '';
  return isApplicationStatus(text) ? text : 'MATCHED';
}

/**
 * When a row was last changed, in ms. Text comparison cannot decide it: a legacy
 * `2026-12-05 19:00:00` sorts before every ISO `2026-12-05T…Z` of the same day (' ' < 'T'),
 * so the timestamps are parsed; one that cannot be read counts as oldest.
 */
function changedAtMs(row: ApplicationRow): number {
  const date = parseLegacyTimestamp(row.updated_at ?? row.created_at);
  return date ? date.getTime() : Number.NEGATIVE_INFINITY;
}

/**
 * A posting's state: status, notes and updatedAt of the most recently updated of its
 * `applications` rows (ties: the highest id); createdAt of the earliest (tracked since then: a
 * write adds rows for the other search terms). MATCHED without notes when it has none. Rows
 * without an application (LEFT JOIN) are skipped.
 */
export function currentState(rows: readonly ApplicationRow[]): ApplicationState {
  let best: ApplicationRow | undefined;
  let bestMs = 0;
  let createdAt: string | null = null;
  let createdMs = Number.POSITIVE_INFINITY;
  for (const row of rows) {
    if (row.app_id == null) continue;
    const created = parseLegacyTimestamp(row.created_at)?.getTime();
    if (row.created_at != null && (createdAt === null || (created !== undefined && created < createdMs))) {
      createdAt = row.created_at;
      createdMs = created ?? Number.POSITIVE_INFINITY;
    }
    const ms = changedAtMs(row);
    if (!best || ms > bestMs || (ms === bestMs && Number(row.app_id) > Number(best.app_id))) {
      best = row;
      bestMs = ms;
    }
  }
  if (!best) return UNTRACKED;
  return {
    status: readStatus(best.status),
    notes: best.notes ?? null,
    createdAt,
    updatedAt: best.updated_at ?? null,
  };
}
