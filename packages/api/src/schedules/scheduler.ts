import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { errorMessage, type Logger } from '@jobsearchai/core';
import type { Store } from '@jobsearchai/core/store';
import type { SearchSourceName } from '../config.js';
import type { SearchLauncher } from '../searches/search-manager.js';
import { nextOccurrence } from './cron-schedule.js';

/** How long a claim holds when its instance never reports back: starting a run by cv_key takes seconds. */
export const SCHEDULE_CLAIM_TTL_MS = 5 * 60_000;

export interface SchedulerOptions {
  store: Store;
  /** The same launcher as POST /api/runs: one path, one "already running" rule. */
  searches: SearchLauncher;
  logger: Logger;
  /** Milliseconds between two looks at the schedules table (SCHEDULER_TICK_MS). */
  tickMs: number;
  source: SearchSourceName;
  claimTtlMs?: number;
  /** Names this process in schedules.claimed_by. */
  instanceId?: string;
}

/**
 * Starts due schedules. Every API instance runs one; they coordinate through the database only:
 * each due schedule is claimed by one UPDATE … RETURNING (core's `claimSchedule`), so exactly one
 * instance starts its run, and a claim whose instance died expires.
 */
export class Scheduler {
  readonly #options: SchedulerOptions;
  readonly instanceId: string;
  #timer: NodeJS.Timeout | undefined;
  #ticking: Promise<number> | undefined;
  #stopped = false;

  constructor(options: SchedulerOptions) {
    this.#options = options;
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  start(): void {
    this.#schedule(0);
  }

  /** Looks once: claims and starts every due schedule; resolves with the runs it started. */
  async tick(now = new Date()): Promise<number> {
    const { store, searches, logger, source } = this.#options;
    if (searches.closing) return 0;
    let started = 0;
    for (const due of await store.dueSchedules(now.toISOString())) {
      let nextRunAt: string | null;
      try {
        nextRunAt = nextOccurrence(due.cron, due.timeZone, now);
      } catch (error) {
        logger.error({ scheduleId: due.id, error: errorMessage(error) }, 'schedule has an invalid cron expression');
        continue;
      }
      const claimed = await store.claimSchedule({
        id: due.id,
        now: now.toISOString(),
        nextRunAt,
        cron: due.cron,
        timeZone: due.timeZone,
        claimant: this.instanceId,
        claimExpiresAt: new Date(now.getTime() + (this.#options.claimTtlMs ?? SCHEDULE_CLAIM_TTL_MS)).toISOString(),
      });
      if (!claimed) continue; // another instance was first
      let runId: number | null = null;
      let error: string | null = null;
      try {
        const run = await searches.start({
          searchTerm: claimed.searchTerm,
          cv: { cvKey: claimed.cvKey },
          maxPages: claimed.maxPages,
          source,
          alerts: {
            scheduleId: claimed.id,
            threshold: claimed.alertThreshold,
            delivery: claimed.alertDelivery,
            timeZone: claimed.timeZone,
          },
        });
        runId = run.id;
        started++;
        logger.info({ scheduleId: claimed.id, runId, nextRunAt }, 'scheduled search started');
      } catch (cause) {
        error = errorMessage(cause);
        logger.warn({ scheduleId: claimed.id, error, nextRunAt }, 'scheduled search not started');
      }
      await store.finishScheduleClaim({ id: claimed.id, claimant: this.instanceId, runId, error });
    }
    return started;
  }

  /** Stops looking and waits for a look in progress to end. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#ticking?.catch(() => 0);
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#ticking = this.tick().catch((error: unknown) => {
        // A database that is down now may be back at the next look.
        this.#options.logger.error({ error: errorMessage(error) }, 'scheduler could not check the schedules');
        return 0;
      });
      void this.#ticking.finally(() => this.#schedule(this.#options.tickMs));
    }, delayMs);
    this.#timer.unref();
  }
}
