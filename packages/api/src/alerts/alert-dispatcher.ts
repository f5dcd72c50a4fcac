import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { errorMessage, type Logger } from '@jobsearchai/core';
import { type AlertSenders, createEmailSender, type DispatchResult, dispatchDueAlerts } from '@jobsearchai/core/alerts';
import type { Store } from '@jobsearchai/core/store';
import type { AlertConfig } from '../config.js';

/** How long a claim holds when its instance dies while sending (a send times out well before). */
export const ALERT_CLAIM_TTL_MS = 5 * 60_000;
const SEND_TIMEOUT_MS = 20_000;

export interface AlertDispatcherOptions {
  store: Store;
  config: AlertConfig;
  logger: Logger;
  instanceId?: string;
  /** The clock (tests move it to a digest time or past a retry's wait). */
  now?: () => Date;
}

/**
 * Sends the outbox's due alerts from a serving API instance, every ALERT_DISPATCH_MS. Instances
 * sharing a database coordinate only through the claims in alert_deliveries (core's
 * claimAlertDeliveries), so each delivery is sent by one of them.
 */
export class AlertDispatcher {
  readonly instanceId: string;
  readonly #options: AlertDispatcherOptions;
  readonly #senders: AlertSenders;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #stopped = false;

  constructor(options: AlertDispatcherOptions) {
    this.#options = options;
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    const { webhookUrl, email } = options.config;
    this.#senders = {
      ...(webhookUrl ? { webhook: { url: webhookUrl, timeoutMs: SEND_TIMEOUT_MS } } : {}),
      ...(email ? { email: createEmailSender({ ...email, timeoutMs: SEND_TIMEOUT_MS }) } : {}),
    };
  }

  /** True when a channel is configured: without one there is nothing to send. */
  get active(): boolean {
    return Object.keys(this.#senders).length > 0;
  }

  start(): void {
    if (this.active && this.#options.config.dispatchMs > 0) this.#schedule(0);
  }

  /** Sends what is due now; resolves with what happened. */
  tick(): Promise<DispatchResult> {
    const { store, config, logger } = this.#options;
    return dispatchDueAlerts({
      store,
      senders: this.#senders,
      claimant: this.instanceId,
      logger,
      now: this.#options.now?.() ?? new Date(),
      maxAttempts: config.maxAttempts,
      claimTtlMs: ALERT_CLAIM_TTL_MS,
    });
  }

  /** Stops looking, waits for a send in progress, closes the SMTP connection. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running?.catch(() => undefined);
    this.#senders.email?.close();
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.tick().catch((error: unknown) => {
        // A database that is down now may be back at the next look.
        this.#options.logger.error({ error: errorMessage(error) }, 'could not send the due match alerts');
      });
      void this.#running.finally(() => this.#schedule(this.#options.config.dispatchMs));
    }, delayMs);
    this.#timer.unref();
  }
}
