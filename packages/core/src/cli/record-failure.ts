import { databaseInUse } from './database-in-use.js';

/** How long a CLI waits for a locked database to take its failure event; the command has failed already. */
export const FAILURE_RECORD_WAIT_MS = 2000;

/**
 * Best effort: records a command's failure in the database it was using, as an `app_events` row
 * that `jobsearch-monitor` counts (a locked database, a bug, a failed LLM…). Waits at most
 * `waitMs` for a lock; when the row cannot be written, says so in one line and goes on, so the
 * command's own error and exit code stay what they are. Nothing happens before a command opened
 * a database, or for an error that is the caller's (a flag, a path).
 */
export async function recordCliFailure(
  name: string,
  error: unknown,
  stderr: { write(text: string): unknown },
  waitMs = FAILURE_RECORD_WAIT_MS,
): Promise<void> {
  const url = databaseInUse();
  if (url === null) return;
  try {
    // Loaded only now: a CLI that never failed never loads the store here.
    const { failureEvent } = await import('../store/failure-events.js');
    // No arguments in the row: a --db URL may carry a password.
    const event = failureEvent(name, error);
    if (event === null || !worthRecording(error)) return;
    const { openStore } = await import('../store/open-store.js');
    const store = await openStore({ url, create: false, migrate: false, busyTimeoutMs: waitMs, poolSize: 1 });
    try {
      await store.recordEvent(event);
    } finally {
      await store.close().catch(() => undefined);
    }
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    stderr.write(
      `${name}: could not record this failure for jobsearch-monitor (${reason.replace(/\s*\n\s*/g, ' ')})\n`,
    );
  }
}

/** A database that is gone or has no current schema cannot take the row: nothing to try. */
function worthRecording(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code !== 'DB_UNAVAILABLE' && code !== 'DB_SCHEMA';
}
