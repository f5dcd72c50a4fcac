import {
  cvKey as cvKeyOfFile,
  errorMessage,
  JobSearchError,
  type Logger,
  type RunCounters,
  type RunRecord,
} from '@jobsearchai/core';
import { type CvForMatch, type Matcher, refuseRetiredModel, type ServiceTier } from '@jobsearchai/core/matchers';
import { prepareCv, startSearch, type RunProgressEvent } from '@jobsearchai/core/pipeline';
import { alreadyRunning, type Store } from '@jobsearchai/core/store';
import { queueAlertsForRun, type RunAlertSettings, type ScheduleAlerts } from '../alerts/run-alerts.js';
import type { SourceResolver } from './job-sources.js';

export interface StartRunRequest {
  searchTerm: string;
  /** A CV file (already checked by the caller), or the key of a CV registered with its text. */
  cv: { path: string } | { cvKey: string };
  maxPages: number;
  /** Most LLM evaluations the run may make (the pipeline's llmCallBudget); no limit when absent. */
  llmCallBudget?: number;
  /** A name the source resolver knows (demo, ostjob). */
  source: string;
  /** The LLM processing tier for this run; the matcher's own setting when absent. */
  serviceTier?: ServiceTier;
  /** A scheduled run's alert settings; other runs follow the manager's `alerts` defaults. */
  alerts?: ScheduleAlerts;
}

/** What the HTTP layer needs from whoever runs searches; tests may hand in their own. */
export interface SearchLauncher {
  start(request: StartRunRequest): Promise<RunRecord>;
  isActive(runId: number): boolean;
  /** The newest counters of a run in this process, fresher than the database between pages. */
  liveCounters(runId: number): RunCounters | undefined;
  /** True once shutdown() was called: no new runs start. */
  readonly closing: boolean;
  /** Aborts every run, waits up to `graceMs` for them to end, marks the rest interrupted. */
  shutdown(graceMs: number): Promise<void>;
}

export interface RunListener {
  progress?(event: RunProgressEvent): void;
}

export interface SearchManagerOptions {
  store: Store;
  matcher: Matcher;
  sources: SourceResolver;
  logger: Logger;
  /** A run row still 'running' with no heartbeat for this long (its process died) is marked failed and no longer blocks a new run. */
  staleAfterMinutes: number;
  maxActive: number;
  listener?: RunListener;
  /** Today, for the model's shutdown check (tests pin it). */
  now?: () => Date;
  /** Channels and defaults of the alerts on strong new matches; without channels none are queued. */
  alerts?: RunAlertSettings;
}

interface ActiveRun {
  controller: AbortController;
  done: Promise<RunRecord>;
  progress: { counters: RunCounters | undefined };
}

/** The reason given to runs aborted by a shutdown; the pipeline sees it on its signal. */
export const SHUTDOWN_REASON = new JobSearchError(
  'CANCELLED',
  'The server is shutting down; the run was interrupted.',
  { details: { interrupted: true } },
);

/**
 * Starts searches in the background, one at a time per (search term, cv_key) — across
 * processes too, since cron runs write the same table — and stops them on shutdown.
 */
export class SearchManager implements SearchLauncher {
  readonly #options: SearchManagerOptions;
  readonly #active = new Map<number, ActiveRun>();
  /** Keys being started or running here; reserved before the first await so two requests cannot both pass. */
  readonly #reserved = new Set<string>();
  #closing = false;

  constructor(options: SearchManagerOptions) {
    this.#options = options;
    // Once per process, not per run.
    if (!options.alerts?.channels.length)
      options.logger.info(
        'no alert channel configured (ALERT_WEBHOOK_URL, or ALERT_SMTP_URL with ALERT_EMAIL_FROM and ALERT_EMAIL_TO): strong new matches are not alerted',
      );
  }

  get closing(): boolean {
    return this.#closing;
  }

  isActive(runId: number): boolean {
    return this.#active.has(runId);
  }

  /** The finished run, or undefined when it is not running in this process. */
  wait(runId: number): Promise<RunRecord> | undefined {
    return this.#active.get(runId)?.done;
  }

  liveCounters(runId: number): RunCounters | undefined {
    return this.#active.get(runId)?.progress.counters;
  }

  async start(request: StartRunRequest): Promise<RunRecord> {
    if (this.#closing) throw new JobSearchError('CANCELLED', 'The server is shutting down and starts no new searches.');
    const { store, matcher, logger } = this.#options;
    // Before the CV summary, whose call a shut-down model would fail with a less helpful message.
    refuseRetiredModel(matcher, this.#options.now?.() ?? new Date());
    const cvKey = 'path' in request.cv ? await cvKeyOfFile(request.cv.path) : request.cv.cvKey;
    const key = `${request.searchTerm}\u0000${cvKey}`;
    if (this.#reserved.has(key)) throw alreadyRunning(request.searchTerm, cvKey, null);
    if (this.#reserved.size >= this.#options.maxActive) {
      throw new JobSearchError(
        'CONFLICT',
        `${this.#reserved.size} searches are already running on this server (the limit); start this one when one of them has finished.`,
        {
          details: { reason: 'capacity', limit: this.#options.maxActive },
        },
      );
    }
    this.#reserved.add(key);
    try {
      await this.#refuseEarly(request.searchTerm, cvKey);
      const cv = await this.#cv(request, cvKey);
      const source = await this.#options.sources.get(request.source);
      const controller = new AbortController();
      const progress: ActiveRun['progress'] = { counters: undefined };
      const started = await startSearch({
        store,
        searchTerm: request.searchTerm,
        cv,
        source,
        matcher,
        maxPages: request.maxPages,
        ...(request.llmCallBudget === undefined ? {} : { llmCallBudget: request.llmCallBudget }),
        staleRunAfterMs: this.#options.staleAfterMinutes * 60_000,
        ...(request.serviceTier ? { serviceTier: request.serviceTier } : {}),
        ...(this.#options.now ? { now: this.#options.now } : {}),
        signal: controller.signal,
        logger,
        onProgress: (event) => {
          if (event.type === 'page' || event.type === 'evaluated') progress.counters = event.counters;
          this.#options.listener?.progress?.(event);
        },
      });
      const runId = started.run.id;
      const done = started.done
        .catch((error: unknown) => {
          logger.error({ runId, error: errorMessage(error) }, 'search ended with an unexpected error');
          return started.run;
        })
        .then(async (run) => {
          // Right after the run's end, before it stops counting as active here (a shutdown waits for it).
          const { alerts } = this.#options;
          if (alerts) await queueAlertsForRun(store, run, alerts, request.alerts, logger);
          this.#active.delete(runId);
          this.#reserved.delete(key);
          return run;
        });
      this.#active.set(runId, { controller, done, progress });
      // A shutdown that began while this run was being prepared has not seen it: stop it now.
      if (this.#closing) controller.abort(SHUTDOWN_REASON);
      return started.run;
    } catch (error) {
      this.#reserved.delete(key);
      throw error;
    }
  }

  async shutdown(graceMs: number): Promise<void> {
    this.#closing = true;
    const runs = [...this.#active.entries()];
    if (runs.length > 0) {
      this.#options.logger.info({ runs: runs.map(([id]) => id) }, 'interrupting running searches');
      for (const [, run] of runs) run.controller.abort(SHUTDOWN_REASON);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.allSettled(runs.map(([, run]) => run.done)), timeout]);
      clearTimeout(timer);
      // Whatever has not recorded its end by now never will: say so in the run rows.
      const marked = await this.#options.store.markRunsInterrupted(runs.map(([id]) => id));
      if (marked > 0) this.#options.logger.warn({ marked }, 'runs marked interrupted');
    }
    await this.#options.sources.close?.();
  }

  /**
   * Saves the CV preparation of a start that would be refused anyway. Only an answer given
   * early: the run row's insert (the store's createRun, under a unique index) decides, also
   * between processes. A run started longer ago than the stale limit may be dead; the insert
   * judges it by its heartbeat.
   */
  async #refuseEarly(searchTerm: string, cvKey: string): Promise<void> {
    const running = await this.#options.store.findRunningRun(searchTerm, cvKey);
    if (!running) return;
    const ageMinutes = (Date.now() - Date.parse(running.startedAt)) / 60_000;
    if (ageMinutes < this.#options.staleAfterMinutes) throw alreadyRunning(searchTerm, cvKey, running);
  }

  async #cv(request: StartRunRequest, cvKey: string): Promise<CvForMatch> {
    const { store, matcher } = this.#options;
    if ('path' in request.cv) return prepareCv(store, { path: request.cv.path, matcher });
    const known = await store.getCvText(cvKey);
    if (!known) {
      throw new JobSearchError(
        'INVALID_INPUT',
        `cv_key ${cvKey} is not a registered CV; start one run with cv_path (or the CLI's --cv) to register it.`,
      );
    }
    if (!known.text) {
      throw new JobSearchError(
        'INVALID_INPUT',
        `cv_key ${cvKey} is registered without its text (e.g. imported from legacy files); start a run with cv_path once to store it.`,
      );
    }
    return { cvKey, text: known.text, summary: known.summary };
  }
}
