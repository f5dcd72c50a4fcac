import { errorMessage, type Logger } from '@jobsearchai/core';
import { failureEvent, type EventInput, type Store } from '@jobsearchai/core/store';

export interface FailureEventsOptions {
  /** Longest wait for a locked database per write (on SQLite the wait blocks the event loop). */
  waitMs?: number;
  /** Pause before writing deferred events again. */
  retryMs?: number;
  /** Deferred events kept at most; older ones are dropped, and that is logged. */
  maxPending?: number;
  /** Attempts per event before it is dropped, and that is logged. */
  maxAttempts?: number;
}

interface Pending {
  event: EventInput;
  attempts: number;
}

/**
 * Records the API's server errors (5xx: a locked or unreachable database, a bug, a failing LLM)
 * as `app_events` rows, so `jobsearch-monitor` sees them like the pipeline's. Best effort and
 * never in the response's way: each write waits at most `waitMs` for a lock; an event that cannot
 * be written yet (the database is the thing that failed) is kept and written when the database
 * takes it again, or dropped after `maxAttempts` with a log line saying so.
 */
export class FailureEvents {
  readonly #store: Store;
  readonly #logger: Logger;
  readonly #waitMs: number;
  readonly #retryMs: number;
  readonly #maxPending: number;
  readonly #maxAttempts: number;
  #pending: Pending[] = [];
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> | null = null;

  constructor(store: Store, logger: Logger, options: FailureEventsOptions = {}) {
    this.#store = store;
    this.#logger = logger;
    this.#waitMs = options.waitMs ?? 200;
    this.#retryMs = options.retryMs ?? 2000;
    this.#maxPending = options.maxPending ?? 100;
    this.#maxAttempts = options.maxAttempts ?? 30;
  }

  /** Events waiting for the database. */
  get pending(): number {
    return this.#pending.length;
  }

  /** Queues the failure of one request; returns at once. Client errors are not recorded. */
  record(error: unknown, request: { method: string; route: string | null; status: number; requestId: string }): void {
    const event = failureEvent('api', error, request);
    if (event === null) return;
    this.#pending.push({ event, attempts: 0 });
    if (this.#pending.length > this.#maxPending) {
      const dropped = this.#pending.splice(0, this.#pending.length - this.#maxPending);
      this.#logger.error({ dropped: dropped.length }, 'dropped failure events the database did not take');
    }
    // After the response has gone out: on SQLite a wait for the lock blocks the event loop.
    setImmediate(() => void this.flush());
  }

  /** Writes what waits, one event after another; resolves when this round is done. */
  flush(): Promise<void> {
    this.#writing ??= this.#writeAll().finally(() => {
      this.#writing = null;
    });
    return this.#writing;
  }

  /** Stops retrying (server shutdown); what is still pending is logged as not recorded. */
  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#pending.length > 0)
      this.#logger.warn({ events: this.#pending.length }, 'failure events not recorded in the database at shutdown');
    this.#pending = [];
  }

  async #writeAll(): Promise<void> {
    while (this.#pending.length > 0) {
      const next = this.#pending[0]!;
      try {
        await this.#store.recordEventPromptly(next.event, this.#waitMs);
        this.#pending.shift();
      } catch (error) {
        next.attempts += 1;
        if (next.attempts >= this.#maxAttempts) {
          this.#pending.shift();
          this.#logger.error(
            { kind: next.event.kind, error: errorMessage(error) },
            'could not record a failure event in the database; dropped it',
          );
          continue;
        }
        if (next.attempts === 1)
          this.#logger.warn(
            { kind: next.event.kind, error: errorMessage(error) },
            'could not record a failure event in the database yet; will retry',
          );
        this.#retryLater();
        return;
      }
    }
  }

  #retryLater(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, this.#retryMs);
    // Never what keeps a stopping process alive.
    this.#timer.unref();
  }
}
