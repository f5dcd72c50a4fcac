import type { RunStatus } from '@jobsearchai/api/contract';

const LABELS: Record<RunStatus, string> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  interrupted: 'Interrupted',
  cancelled: 'Cancelled',
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`run-status run-status-${status}`}>
      {status === 'running' ? <span className="pulse" aria-hidden="true" /> : null}
      {LABELS[status] ?? status}
    </span>
  );
}
