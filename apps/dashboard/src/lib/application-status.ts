import type { ApplicationStatus } from '@jobsearchai/api/contract';

/** Labels of the tracker's statuses, in the tracker's order (a missing status fails to compile). */
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  MATCHED: 'Matched',
  INTERESTED: 'Interested',
  PREPARING: 'Preparing',
  APPLIED: 'Applied',
  INTERVIEW: 'Interview',
  OFFER: 'Offer',
  REJECTED: 'Rejected',
  ARCHIVED: 'Archived',
};

export const APPLICATION_STATUSES = Object.keys(APPLICATION_STATUS_LABELS) as ApplicationStatus[];

export function isApplicationStatus(value: string): value is ApplicationStatus {
  return (APPLICATION_STATUSES as string[]).includes(value);
}
