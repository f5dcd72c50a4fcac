import type { AlertDeliveriesSection, CollectContext } from './types.js';
import { hoursBetween, isoHoursBefore } from './window-math.js';

/**
 * The match-alert outbox that every API instance fills and sends (alert_deliveries): what waits,
 * what is being retried, what was given up in the rule's window, and how long the oldest due
 * delivery has waited.
 */
export async function collectAlertDeliveries({ store, now, config }: CollectContext): Promise<AlertDeliveriesSection> {
  const windowHours = config.rules.alertDeliveries.failedWindowHours;
  const stats = await store.alertDeliveryStats(now.toISOString(), isoHoursBefore(now, windowHours));
  return {
    pending: stats.pending,
    sending: stats.sending,
    retrying: stats.retrying,
    failed: stats.failed,
    failedInWindow: stats.failedSince,
    sentInWindow: stats.sentSince,
    windowHours,
    oldestDueAt: stats.oldestDueAt,
    oldestDueMinutes: stats.oldestDueAt === null ? null : hoursBetween(new Date(stats.oldestDueAt), now) * 60,
  };
}
