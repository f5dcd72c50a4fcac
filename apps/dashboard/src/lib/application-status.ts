import type { ApplicationCard, ApplicationStatus } from '@jobsearchai/api/contract';
import { ApiError } from '../api/client';

/**
 * How the dashboard names each status. Keyed by the API's status type, so a status the API adds
 * fails the typecheck here; the order is the board's (the API sends its columns in it too).
 */
export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  MATCHED: 'Matched',
  INTERESTED: 'Interested',
  PREPARING: 'Preparing',
  APPLIED: 'Applied',
  INTERVIEW: 'Interview',
  OFFER: 'Offer',
  REJECTED: 'Rejected',
  ARCHIVED: 'Archived',
};

export const STATUS_ORDER = Object.keys(STATUS_LABELS) as ApplicationStatus[];

/** What a refused write means for the person who tried it. */
export function writeFailureMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return String(error);
  if (error.status === 401) return 'Enter the API token (above) to change statuses and notes.';
  if (error.status === 403) return `The API refused the token: ${error.detail} Check the token above.`;
  if (error.status === 409)
    return `Someone else changed this posting since you loaded it. The latest state is shown now; apply your change again if it still holds. (${error.detail})`;
  return error.detail;
}

export function titleOf(card: Pick<ApplicationCard, 'title'>): string {
  return card.title?.trim() || 'Untitled posting';
}

/** The drag data type of a board card (its value: the card's match id). */
export const CARD_TYPE = 'application/x-jobsearchai-match-id';

export function isApplicationStatus(value: string): value is ApplicationStatus {
  return (STATUS_ORDER as string[]).includes(value);
}
