import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { AlertChannel, AlertDeliveryRecord } from '../store/types.js';
import { alertEmail, type AlertBatch, webhookBody } from './alert-message.js';
import type { EmailSender } from './email.js';
import { nextAlertAttempt } from './retry-backoff.js';
import { postWebhook } from './webhook.js';

/** The channels one instance can send to; the others' deliveries stay queued for an instance that can. */
export interface AlertSenders {
  webhook?: { url: string; timeoutMs: number; fetchImpl?: typeof fetch };
  email?: EmailSender;
}

export interface DispatchOptions {
  store: Store;
  senders: AlertSenders;
  /** Names this instance in alert_deliveries.claimed_by. */
  claimant: string;
  logger: Logger;
  now: Date;
  /** Attempts before a delivery is given up ('failed'). */
  maxAttempts: number;
  /** How long a claim holds if this instance dies while sending. */
  claimTtlMs: number;
  limit?: number;
}

export interface DispatchResult {
  /** Messages sent, and the deliveries they carried. */
  messages: number;
  sent: number;
  retrying: number;
  failed: number;
}

export function configuredChannels(senders: AlertSenders): AlertChannel[] {
  return (['webhook', 'email'] as const).filter((channel) => senders[channel] !== undefined);
}

/**
 * Claims the due deliveries this instance can send, sends one message per run (mode 'run') or per
 * CV (mode 'digest') and channel, and records each outcome: sent, or retried with backoff until
 * `maxAttempts`, then failed.
 */
export async function dispatchDueAlerts(options: DispatchOptions): Promise<DispatchResult> {
  const { store, senders, claimant, logger, now } = options;
  const result: DispatchResult = { messages: 0, sent: 0, retrying: 0, failed: 0 };
  const claimed = await store.claimAlertDeliveries({
    claimant,
    now: now.toISOString(),
    claimExpiresAt: new Date(now.getTime() + options.claimTtlMs).toISOString(),
    channels: configuredChannels(senders),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
  });
  for (const [channel, batch] of batches(claimed)) {
    const ids = batch.deliveries.map((d) => d.id);
    try {
      await send(senders, channel, batch);
      await store.markAlertsSent(ids, claimant);
      result.messages++;
      result.sent += ids.length;
      logger.info({ channel, mode: batch.mode, cvKey: batch.cvKey, deliveries: ids.length }, 'match alert sent');
    } catch (error) {
      const attempts = Math.max(...batch.deliveries.map((d) => d.attempts));
      const retryAt = nextAlertAttempt(attempts, options.maxAttempts, now);
      await store.recordAlertFailure({ ids, claimant, error: errorMessage(error), retryAt });
      if (retryAt === null) result.failed += ids.length;
      else result.retrying += ids.length;
      logger.warn(
        {
          channel,
          mode: batch.mode,
          cvKey: batch.cvKey,
          deliveries: ids.length,
          attempts,
          retryAt,
          error: errorMessage(error),
        },
        retryAt === null ? 'match alert failed; giving up' : 'match alert failed; will retry',
      );
    }
  }
  return result;
}

/** One batch per run (or per CV for digests) and channel. */
function batches(claimed: readonly AlertDeliveryRecord[]): [AlertChannel, AlertBatch][] {
  const groups = new Map<string, [AlertChannel, AlertBatch & { deliveries: AlertDeliveryRecord[] }]>();
  for (const delivery of claimed) {
    const key = `${delivery.channel}\u0000${delivery.mode === 'digest' ? `cv:${delivery.cvKey}` : `run:${delivery.runId}`}`;
    const group = groups.get(key);
    if (group) group[1].deliveries.push(delivery);
    else groups.set(key, [delivery.channel, { mode: delivery.mode, cvKey: delivery.cvKey, deliveries: [delivery] }]);
  }
  return [...groups.values()];
}

async function send(senders: AlertSenders, channel: AlertChannel, batch: AlertBatch): Promise<void> {
  if (channel === 'webhook') {
    const target = senders.webhook!;
    await postWebhook({
      url: target.url,
      body: webhookBody(batch),
      timeoutMs: target.timeoutMs,
      ...(target.fetchImpl ? { fetchImpl: target.fetchImpl } : {}),
    });
  } else {
    await senders.email!.send(alertEmail(batch));
  }
}
