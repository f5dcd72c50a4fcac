import { errorMessage, redactUrl, resolveDatabaseUrl, type Logger } from '@jobsearchai/core';
import { openStore, type Store } from '@jobsearchai/core/store';
import type { AlertNotification } from '../alerts/alert-tracker.js';
import { trackAlerts } from '../alerts/alert-tracker.js';
import { deliverToWebhook, logNotification } from '../alerts/notifier.js';
import { evaluateRules, type RuleResult } from '../alerts/rules.js';
import { collectSnapshot } from '../collect/collect-snapshot.js';
import type { DatabaseSection, FiringAlertView, HealthSnapshot } from '../collect/types.js';
import type { MonitorSettings } from '../config/monitor-settings.js';
import { createAgentMetrics, type AgentMetrics } from './agent-metrics.js';
import { loadState, saveState, type MonitorState } from './state-file.js';

export interface MonitorAgentOptions {
  settings: MonitorSettings;
  logger: Logger;
  /** The clock: every window, age and repeat interval is measured against it. */
  now?: () => Date;
  fetch?: typeof fetch;
  metrics?: AgentMetrics;
}

export interface TickResult {
  snapshot: HealthSnapshot;
  results: RuleResult[];
  /** Alert changes of this tick (already logged). */
  notifications: AlertNotification[];
  /** Webhook messages accepted this tick, and those left for the next one. */
  delivered: AlertNotification[];
  pending: AlertNotification[];
}

/**
 * One tick: open (or reuse) the database, collect, evaluate the rules, log and send alert
 * changes, remember state. A tick never throws for a problem it can report as an alert, so a
 * long-running agent survives a lost database, a failing collector or a dead webhook.
 */
export class MonitorAgent {
  readonly metrics: AgentMetrics;
  readonly #settings: MonitorSettings;
  readonly #logger: Logger;
  readonly #now: () => Date;
  readonly #fetch: typeof fetch;
  #state: MonitorState;
  #store: Store | null = null;
  #last: HealthSnapshot | null = null;

  constructor(options: MonitorAgentOptions) {
    this.#settings = options.settings;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
    this.#fetch = options.fetch ?? fetch;
    this.metrics = options.metrics ?? createAgentMetrics();
    this.#state = loadState(options.settings.stateFile, options.logger, options.settings.databaseIdentity);
  }

  get lastSnapshot(): HealthSnapshot | null {
    return this.#last;
  }

  async tick(): Promise<TickResult> {
    const { config } = this.#settings;
    const now = this.#now();
    const database = await this.#connect();
    const { snapshot, sizeSamples } = await collectSnapshot({
      store: this.#store,
      database,
      now,
      config,
      sizeSamples: this.#state.sizeSamples,
      logDir: this.#settings.logDir,
      model: this.#settings.model,
      logger: this.#logger,
    });
    const results = evaluateRules(snapshot, config);
    const tracked = trackAlerts(this.#state.alerts, results, {
      now,
      repeatMinutes: (rule) => config.rules[rule].repeatMinutes ?? config.alerts.repeatMinutes,
      complete: database.reachable && snapshot.collectorErrors.length === 0,
    });
    for (const notification of tracked.notifications) logNotification(this.#logger, notification);

    let pending = [...this.#state.pending, ...tracked.notifications];
    let delivered: AlertNotification[] = [];
    const webhook = config.alerts.webhook;
    if (webhook.url)
      ({ delivered, pending } = await deliverToWebhook(
        pending,
        { url: webhook.url, timeoutMs: webhook.timeoutMs },
        this.#logger,
        this.#fetch,
      ));
    else pending = [];

    this.#state = {
      version: 1,
      database: this.#settings.databaseIdentity,
      sizeSamples,
      alerts: tracked.alerts,
      pending,
    };
    try {
      saveState(this.#settings.stateFile, this.#state);
    } catch (error) {
      // Kept in memory; a long-running agent still de-duplicates, a cron run may repeat an alert.
      this.#logger.error({ error: errorMessage(error) }, 'cannot save the monitor state');
    }

    const alerts: FiringAlertView[] = Object.values(tracked.alerts)
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((a) => ({ key: a.key, rule: a.rule, severity: a.severity, message: a.message, since: a.firingSince }));
    const full: HealthSnapshot = { ...snapshot, status: alerts.length > 0 ? 'alerting' : 'ok', alerts };
    this.metrics.update(full);
    this.#last = full;
    this.#logger.info(
      { status: full.status, alerts: alerts.length, collectorErrors: snapshot.collectorErrors.length },
      'monitor tick',
    );
    return { snapshot: full, results, notifications: tracked.notifications, delivered, pending };
  }

  async close(): Promise<void> {
    const store = this.#store;
    this.#store = null;
    await store?.close().catch(() => undefined);
  }

  async #connect(): Promise<DatabaseSection> {
    const { databaseUrl, cwd } = this.#settings;
    const location = resolveDatabaseUrl(databaseUrl, cwd);
    const base = {
      provider: location.provider,
      location: location.provider === 'sqlite' ? location.path : redactUrl(location.url),
    };
    try {
      // Read-only use: never create a missing database or migrate one.
      this.#store ??= await openStore({ url: databaseUrl, cwd, create: false, migrate: false, poolSize: 2 });
      await this.#store.ping();
      return { ...base, reachable: true };
    } catch (error) {
      const message = errorMessage(error);
      this.#logger.error({ error: message }, 'database unreachable');
      await this.close();
      return { ...base, reachable: false, error: message };
    }
  }
}
