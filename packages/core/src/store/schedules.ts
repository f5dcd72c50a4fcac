import type { SqlDriver, SqlValue } from '../db/sql-driver.js';
import { nowIso } from '../time.js';
import type {
  AlertDeliveryMode,
  ScheduleClaim,
  ScheduleInput,
  ScheduleOutcome,
  SchedulePatch,
  ScheduleRecord,
} from './types.js';

const COLUMNS: Record<keyof Omit<ScheduleRecord, 'id'>, string> = {
  searchTerm: 'search_term',
  cvKey: 'cv_key',
  maxPages: 'max_pages',
  cron: 'cron',
  timeZone: 'time_zone',
  enabled: 'enabled',
  alertThreshold: 'alert_threshold',
  alertDelivery: 'alert_delivery',
  nextRunAt: 'next_run_at',
  claimedBy: 'claimed_by',
  claimExpiresAt: 'claim_expires_at',
  lastRunId: 'last_run_id',
  lastRunAt: 'last_run_at',
  lastError: 'last_error',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};
const SCHEDULE_COLUMNS = `id, ${Object.values(COLUMNS).join(', ')}`;
/** Due: its time has come and nobody holds it, or the instance that claimed it died (claim expired). */
const DUE = `enabled = TRUE AND ((next_run_at <= ? AND claimed_by IS NULL) OR (claimed_by IS NOT NULL AND claim_expires_at <= ?))`;

type Row = Record<string, unknown>;

function toSchedule(row: Row): ScheduleRecord {
  const text = (value: unknown) => (value == null ? null : String(value));
  return {
    id: Number(row.id),
    searchTerm: String(row.search_term),
    cvKey: String(row.cv_key),
    maxPages: Number(row.max_pages),
    cron: String(row.cron),
    timeZone: String(row.time_zone),
    // SQLite stores booleans as 0/1.
    enabled: row.enabled === true || Number(row.enabled) === 1,
    alertThreshold: Number(row.alert_threshold),
    alertDelivery: String(row.alert_delivery) as AlertDeliveryMode,
    nextRunAt: text(row.next_run_at),
    claimedBy: text(row.claimed_by),
    claimExpiresAt: text(row.claim_expires_at),
    lastRunId: row.last_run_id == null ? null : Number(row.last_run_id),
    lastRunAt: text(row.last_run_at),
    lastError: text(row.last_error),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

/** better-sqlite3 binds no booleans; PostgreSQL's boolean column takes them as they are. */
function bool(driver: SqlDriver, value: boolean): SqlValue {
  return driver.provider === 'sqlite' ? (value ? 1 : 0) : value;
}

export async function createSchedule(driver: SqlDriver, input: ScheduleInput): Promise<ScheduleRecord> {
  const now = nowIso();
  const rows = await driver.query<Row>(
    `INSERT INTO schedules (search_term, cv_key, max_pages, cron, time_zone, enabled, alert_threshold, alert_delivery, next_run_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${SCHEDULE_COLUMNS}`,
    [
      input.searchTerm,
      input.cvKey,
      input.maxPages,
      input.cron,
      input.timeZone,
      bool(driver, input.enabled),
      input.alertThreshold,
      input.alertDelivery ?? 'run',
      input.nextRunAt,
      now,
      now,
    ],
  );
  return toSchedule(rows[0]!);
}

export async function getSchedule(driver: SqlDriver, id: number): Promise<ScheduleRecord | null> {
  const rows = await driver.query<Row>(`SELECT ${SCHEDULE_COLUMNS} FROM schedules WHERE id = ?`, [id]);
  return rows[0] ? toSchedule(rows[0]) : null;
}

export async function listSchedules(driver: SqlDriver): Promise<ScheduleRecord[]> {
  const rows = await driver.query<Row>(`SELECT ${SCHEDULE_COLUMNS} FROM schedules ORDER BY id`);
  return rows.map(toSchedule);
}

/** Changes the given fields; null when no schedule has this id. */
export async function updateSchedule(
  driver: SqlDriver,
  id: number,
  patch: SchedulePatch,
): Promise<ScheduleRecord | null> {
  const keys = (Object.keys(patch) as (keyof SchedulePatch)[]).filter((key) => patch[key] !== undefined);
  const values = keys.map((key) => (key === 'enabled' ? bool(driver, patch.enabled!) : (patch[key] as SqlValue)));
  const rows = await driver.query<Row>(
    `UPDATE schedules SET ${[...keys.map((key) => `${COLUMNS[key]} = ?`), 'updated_at = ?'].join(', ')} WHERE id = ? RETURNING ${SCHEDULE_COLUMNS}`,
    [...values, nowIso(), id],
  );
  return rows[0] ? toSchedule(rows[0]) : null;
}

export async function deleteSchedule(driver: SqlDriver, id: number): Promise<boolean> {
  return (await driver.execute(`DELETE FROM schedules WHERE id = ?`, [id])) > 0;
}

/** Schedules due at `now` (ISO), soonest first: the candidates a scheduler then tries to claim. */
export async function dueSchedules(driver: SqlDriver, now: string, limit = 20): Promise<ScheduleRecord[]> {
  const rows = await driver.query<Row>(
    `SELECT ${SCHEDULE_COLUMNS} FROM schedules WHERE ${DUE} ORDER BY next_run_at, id LIMIT ?`,
    [now, now, limit],
  );
  return rows.map(toSchedule);
}

/**
 * Claims a due schedule in one statement: of any number of instances trying at once, exactly
 * one gets the row back (the others get null). The claim moves next_run_at to the following
 * occurrence and holds the schedule until `finishScheduleClaim` or `claimExpiresAt`, after which
 * another instance may claim it again (the claimant died before starting the run). The cron and
 * time zone the caller computed `nextRunAt` from must still be the schedule's.
 */
export async function claimSchedule(driver: SqlDriver, claim: ScheduleClaim): Promise<ScheduleRecord | null> {
  const rows = await driver.query<Row>(
    `UPDATE schedules SET next_run_at = ?, claimed_by = ?, claim_expires_at = ? WHERE id = ? AND cron = ? AND time_zone = ? AND ${DUE} RETURNING ${SCHEDULE_COLUMNS}`,
    [claim.nextRunAt, claim.claimant, claim.claimExpiresAt, claim.id, claim.cron, claim.timeZone, claim.now, claim.now],
  );
  return rows[0] ? toSchedule(rows[0]) : null;
}

/** Records what the claimed start did and releases the claim; false when the claim was no longer this claimant's. */
export async function finishScheduleClaim(driver: SqlDriver, outcome: ScheduleOutcome): Promise<boolean> {
  const changed = await driver.execute(
    `UPDATE schedules SET claimed_by = NULL, claim_expires_at = NULL, last_run_id = COALESCE(?, last_run_id), last_run_at = ?, last_error = ? WHERE id = ? AND claimed_by = ?`,
    [outcome.runId, nowIso(), outcome.error, outcome.id, outcome.claimant],
  );
  return changed > 0;
}
