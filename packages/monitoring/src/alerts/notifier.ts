import { hostname } from 'node:os';
import { errorMessage, type Logger, postWebhook } from '@jobsearchai/core';
import type { AlertNotification } from './alert-tracker.js';

export interface WebhookTarget {
  url: string;
  timeoutMs: number;
}

/** Undelivered webhook messages kept for retry; beyond this the oldest are dropped (and logged). */
export const MAX_PENDING = 100;

const LABEL: Record<AlertNotification['kind'], string> = {
  firing: 'FIRING',
  repeat: 'STILL FIRING',
  resolved: 'RESOLVED',
};

/** The Slack-compatible line: `[FIRING] warning errorsPerHour on host: message`. */
export function alertText(notification: AlertNotification, host = hostname()): string {
  const since = notification.kind === 'firing' ? '' : ` (firing since ${notification.firingSince})`;
  return `[${LABEL[notification.kind]}] ${notification.severity} ${notification.key} on ${host}: ${notification.message}${since}`;
}

/** Every alert change goes to the log once, when it happens. */
export function logNotification(logger: Logger, notification: AlertNotification): void {
  const fields = {
    alert: notification.key,
    rule: notification.rule,
    severity: notification.severity,
    kind: notification.kind,
    firingSince: notification.firingSince,
  };
  const text = alertText(notification);
  if (notification.kind === 'resolved') logger.info(fields, text);
  else if (notification.severity === 'critical') logger.error(fields, text);
  else logger.warn(fields, text);
}

export interface DeliveryResult {
  delivered: AlertNotification[];
  /** Still to send next tick, in order. */
  pending: AlertNotification[];
}

/**
 * POSTs queued notifications to the webhook in order, stopping at the first failure so that a
 * resolve never overtakes its firing message; what is left is retried on the next tick.
 */
export async function deliverToWebhook(
  queue: readonly AlertNotification[],
  target: WebhookTarget,
  logger: Logger,
  fetchImpl: typeof fetch = fetch,
): Promise<DeliveryResult> {
  let pending = [...queue];
  if (pending.length > MAX_PENDING) {
    const dropped = pending.slice(0, pending.length - MAX_PENDING);
    pending = pending.slice(-MAX_PENDING);
    logger.error({ dropped: dropped.length }, 'webhook unreachable for too long: oldest alert messages dropped');
  }
  const delivered: AlertNotification[] = [];
  while (pending.length > 0) {
    const notification = { ...pending[0]!, attempts: pending[0]!.attempts + 1 };
    try {
      await postWebhook({
        url: target.url,
        body: { text: alertText(notification), alert: notification },
        timeoutMs: target.timeoutMs,
        fetchImpl,
      });
    } catch (error) {
      pending[0] = notification;
      logger.warn(
        {
          alert: notification.key,
          kind: notification.kind,
          attempts: notification.attempts,
          error: errorMessage(error),
          queued: pending.length,
        },
        'alert webhook delivery failed; retrying next tick',
      );
      return { delivered, pending };
    }
    delivered.push(notification);
    pending.shift();
  }
  return { delivered, pending };
}
