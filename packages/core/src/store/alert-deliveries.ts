import type { SqlDriver, SqlValue } from '../db/sql-driver.js';
import { nowIso } from '../time.js';
import type {
  AlertChannel,
  AlertClaim,
  AlertDeliveryFilter,
  AlertDeliveryRecord,
  AlertDeliveryStats,
  AlertDeliveryStatus,
  AlertFailure,
  QueueRunAlerts,
} from './types.js';

const COLUMNS =
  'id, job_url, cv_key, channel, mode, match_id, run_id, schedule_id, search_term, job_title, company_name, location, score, status, attempts, due_at, next_attempt_at, claimed_by, claim_expires_at, last_error, created_at, updated_at, sent_at';

type Row = Record<string, unknown>;

function toDelivery(row: Row): AlertDeliveryRecord {
  const text = (value: unknown) => (value == null ? null : String(value));
  return {
    id: Number(row.id),
    jobUrl: String(row.job_url),
    cvKey: String(row.cv_key),
    channel: row.channel as AlertChannel,
    mode: row.mode as AlertDeliveryRecord['mode'],
    matchId: Number(row.match_id),
    runId: Number(row.run_id),
    scheduleId: row.schedule_id == null ? null : Number(row.schedule_id),
    searchTerm: String(row.search_term),
    jobTitle: text(row.job_title),
    companyName: text(row.company_name),
    location: text(row.location),
    score: Number(row.score),
    status: row.status as AlertDeliveryStatus,
    attempts: Number(row.attempts),
    dueAt: String(row.due_at),
    nextAttemptAt: String(row.next_attempt_at),
    claimedBy: text(row.claimed_by),
    claimExpiresAt: text(row.claim_expires_at),
    lastError: text(row.last_error),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    sentAt: text(row.sent_at),
  };
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/**
 * Queues the run's scored matches at or above `minScore` that are new to the CV: no other
 * evaluation of the URL for that cv_key came from an earlier run (a smaller run id) or from an
 * import. An evaluation this run copied from another search term of the same CV is therefore not
 * new, while two runs of one CV that evaluated the same posting at the same time both count it
 * new. The unique key (job_url, cv_key, channel) keeps every posting to one row per channel, so
 * neither a second run nor a second instance queues it again. Returns the rows queued.
 */
export async function queueRunAlerts(driver: SqlDriver, request: QueueRunAlerts): Promise<number> {
  if (request.channels.length === 0) return 0;
  const now = nowIso();
  // One statement per channel, each atomic: no transaction held across awaits (on SQLite another
  // connection of the same process would wait for it synchronously).
  let queued = 0;
  for (const channel of request.channels) {
    // `WHERE` before `ON CONFLICT`: SQLite needs it to tell the upsert clause from a join's ON.
    queued += await driver.execute(
      `INSERT INTO alert_deliveries (job_url, cv_key, channel, mode, match_id, run_id, schedule_id, search_term, job_title, company_name, location, score, status, attempts, due_at, next_attempt_at, created_at, updated_at)
         SELECT m.job_url, m.cv_key, ?, ?, m.id, m.run_id, ?, m.search_term, m.job_title, m.company_name, m.location, m.overall_match, 'pending', 0, ?, ?, ?, ?
         FROM job_matches m
         WHERE m.run_id = ? AND m.overall_match >= ? AND COALESCE(m.evaluation_status, 'evaluated') <> 'failed'
           AND NOT EXISTS (
             SELECT 1 FROM job_matches o
             WHERE o.job_url = m.job_url AND o.cv_key = m.cv_key AND o.id <> m.id
               AND COALESCE(o.evaluation_status, 'evaluated') <> 'failed'
               AND (o.run_id IS NULL OR o.run_id < m.run_id))
         ORDER BY m.overall_match DESC, m.id
         ON CONFLICT (job_url, cv_key, channel) DO NOTHING`,
      [
        channel,
        request.mode,
        request.scheduleId,
        request.dueAt,
        request.dueAt,
        now,
        now,
        request.runId,
        request.minScore,
      ],
    );
  }
  return queued;
}

/** Sendable on these channels: due and unclaimed, or claimed by an instance whose claim expired (it died). */
function dueClause(channels: readonly AlertChannel[]): string {
  return `channel IN (${placeholders(channels)}) AND ((status IN ('pending', 'retrying') AND next_attempt_at <= ?) OR (status = 'sending' AND claim_expires_at <= ?))`;
}

/**
 * Claims up to `limit` due deliveries for one instance: each row goes to exactly one claimant,
 * also with several instances on one PostgreSQL; SQLite has one writer, and one statement is
 * atomic there. A claim counts as an attempt and holds until `claimExpiresAt`.
 */
export async function claimAlertDeliveries(driver: SqlDriver, claim: AlertClaim): Promise<AlertDeliveryRecord[]> {
  if (claim.channels.length === 0) return [];
  const due = dueClause(claim.channels);
  const dueParams: SqlValue[] = [...claim.channels, claim.now, claim.now];
  const set = `status = 'sending', attempts = attempts + 1, claimed_by = ?, claim_expires_at = ?, updated_at = ?`;
  const setParams: SqlValue[] = [claim.claimant, claim.claimExpiresAt, nowIso()];
  const pick = `SELECT id FROM alert_deliveries WHERE ${due} ORDER BY next_attempt_at, id LIMIT ?`;
  const limit = claim.limit ?? 200;
  // PostgreSQL: the picked rows are locked in a materialized CTE (evaluated once, so LIMIT holds;
  // a subquery under IN may be re-run and claim more), rows locked by a concurrent claim are
  // skipped, and the UPDATE checks the due condition again on the row it locked.
  const rows =
    driver.provider === 'postgresql'
      ? await driver.query<Row>(
          `WITH picked AS MATERIALIZED (${pick} FOR UPDATE SKIP LOCKED)
           UPDATE alert_deliveries SET ${set} FROM picked WHERE alert_deliveries.id = picked.id AND ${due}
           RETURNING ${COLUMNS.split(', ')
             .map((c) => `alert_deliveries.${c}`)
             .join(', ')}`,
          [...dueParams, limit, ...setParams, ...dueParams],
        )
      : await driver.query<Row>(`UPDATE alert_deliveries SET ${set} WHERE id IN (${pick}) RETURNING ${COLUMNS}`, [
          ...setParams,
          ...dueParams,
          limit,
        ]);
  return rows.map(toDelivery).sort((a, b) => a.id - b.id);
}

/** Marks the claimant's deliveries sent; returns how many were still its own. */
export async function markAlertsSent(driver: SqlDriver, ids: readonly number[], claimant: string): Promise<number> {
  if (ids.length === 0) return 0;
  const now = nowIso();
  return driver.execute(
    `UPDATE alert_deliveries SET status = 'sent', sent_at = ?, updated_at = ?, last_error = NULL, claimed_by = NULL, claim_expires_at = NULL WHERE id IN (${placeholders(ids)}) AND claimed_by = ? AND status = 'sending'`,
    [now, now, ...ids, claimant],
  );
}

/** Records a failed attempt: retried at `retryAt`, or given up ('failed') when it is null. */
export async function recordAlertFailure(driver: SqlDriver, failure: AlertFailure): Promise<number> {
  if (failure.ids.length === 0) return 0;
  const status: AlertDeliveryStatus = failure.retryAt === null ? 'failed' : 'retrying';
  return driver.execute(
    `UPDATE alert_deliveries SET status = ?, next_attempt_at = COALESCE(?, next_attempt_at), last_error = ?, updated_at = ?, claimed_by = NULL, claim_expires_at = NULL WHERE id IN (${placeholders(failure.ids)}) AND claimed_by = ? AND status = 'sending'`,
    [status, failure.retryAt, failure.error.slice(0, 2000), nowIso(), ...failure.ids, failure.claimant],
  );
}

/** Newest first. */
export async function listAlertDeliveries(
  driver: SqlDriver,
  filter: AlertDeliveryFilter = {},
): Promise<AlertDeliveryRecord[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.status !== undefined) {
    where.push('status = ?');
    params.push(filter.status);
  }
  if (filter.cvKey !== undefined) {
    where.push('cv_key = ?');
    params.push(filter.cvKey);
  }
  if (filter.scheduleId !== undefined) {
    where.push('schedule_id = ?');
    params.push(filter.scheduleId);
  }
  params.push(Math.min(Math.max(filter.limit ?? 50, 1), 500));
  const rows = await driver.query<Row>(
    `SELECT ${COLUMNS} FROM alert_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
    params,
  );
  return rows.map(toDelivery);
}

/** Counts by status, failures and sends since `since`, and the oldest due delivery still unsent at `now`. */
export async function alertDeliveryStats(driver: SqlDriver, now: string, since: string): Promise<AlertDeliveryStats> {
  const rows = await driver.query<Row>(
    `SELECT
       COUNT(CASE WHEN status = 'pending' THEN 1 END) AS pending,
       COUNT(CASE WHEN status = 'sending' THEN 1 END) AS sending,
       COUNT(CASE WHEN status = 'retrying' THEN 1 END) AS retrying,
       COUNT(CASE WHEN status = 'failed' THEN 1 END) AS failed,
       COUNT(CASE WHEN status = 'failed' AND updated_at >= ? THEN 1 END) AS failed_since,
       COUNT(CASE WHEN status = 'sent' AND sent_at >= ? THEN 1 END) AS sent_since,
       MIN(CASE WHEN status IN ('pending', 'sending', 'retrying') AND due_at <= ? THEN due_at END) AS oldest_due_at
     FROM alert_deliveries`,
    [since, since, now],
  );
  const row = rows[0] ?? {};
  return {
    pending: Number(row.pending ?? 0),
    sending: Number(row.sending ?? 0),
    retrying: Number(row.retrying ?? 0),
    failed: Number(row.failed ?? 0),
    failedSince: Number(row.failed_since ?? 0),
    sentSince: Number(row.sent_since ?? 0),
    oldestDueAt: row.oldest_due_at == null ? null : String(row.oldest_due_at),
  };
}
