import { setTimeout as delay } from 'node:timers/promises';
import { JobSearchError } from '../errors.js';

export function cancelledError(what: string, signal: AbortSignal): JobSearchError {
  return new JobSearchError('CANCELLED', `${what} was cancelled.`, { cause: signal.reason });
}

/** Waits `ms`, or rejects with CANCELLED as soon as `signal` aborts. */
export async function cancellableWait(ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  if (signal?.aborted) throw cancelledError(what, signal);
  if (ms <= 0) return;
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
  } catch (error) {
    if (signal?.aborted) throw cancelledError(what, signal);
    throw error;
  }
}
