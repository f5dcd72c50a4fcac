/**
 * The application tracker's vocabulary, as the legacy installation stores it in `applications.status`.
 * A posting without an `applications` row is MATCHED.
 *
 * A posting's status is kept per (canonical job URL, CV): the legacy table keys it by `job_match_id`,
 * one row per search term, so a status is written to every evaluation of that URL and CV, and read
 * from the most recently updated of them.
 */
export const APPLICATION_STATUSES = [
  'MATCHED',
  'INTERESTED',
  'PREPARING',
  'APPLIED',
  'INTERVIEW',
  'OFFER',
  'REJECTED',
  'ARCHIVED',
] as const;

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Statuses "hide rejected and archived" leaves out: the posting is closed for the job seeker. */
export const CLOSED_APPLICATION_STATUSES: readonly ApplicationStatus[] = ['REJECTED', 'ARCHIVED'];

export function isApplicationStatus(value: unknown): value is ApplicationStatus {
  return typeof value === 'string' && (APPLICATION_STATUSES as readonly string[]).includes(value);
}
