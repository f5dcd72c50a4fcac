import { randomUUID } from 'node:crypto';
import type { RuleName } from '../config/monitoring-config.js';
import type { RuleResult, Severity } from './rules.js';

/** An alert that is firing, as kept in the state file between ticks (and processes). */
export interface AlertState {
  key: string;
  rule: RuleName;
  severity: Severity;
  message: string;
  firingSince: string;
  lastNotifiedAt: string;
}

export type NotificationKind = 'firing' | 'repeat' | 'resolved';

/** One message to send: to the log at once, to the webhook until it is accepted. */
export interface AlertNotification {
  id: string;
  kind: NotificationKind;
  key: string;
  rule: RuleName;
  severity: Severity;
  message: string;
  firingSince: string;
  at: string;
  attempts: number;
}

export interface TrackOptions {
  now: Date;
  /** Minutes after which a still-firing alert is sent again. */
  repeatMinutes: (rule: RuleName) => number;
  /**
   * False when some collector failed this tick: alerts the results do not mention are then left
   * as they are instead of being resolved (their data may simply be missing).
   */
  complete: boolean;
}

export interface TrackResult {
  alerts: Record<string, AlertState>;
  notifications: AlertNotification[];
}

/**
 * The alert lifecycle: a rule that starts firing is announced once, announced again every
 * `repeatMinutes` while it keeps firing, and resolved (with a message) when it clears.
 */
export function trackAlerts(
  previous: Readonly<Record<string, AlertState>>,
  results: readonly RuleResult[],
  options: TrackOptions,
): TrackResult {
  const at = options.now.toISOString();
  const alerts: Record<string, AlertState> = {};
  const notifications: AlertNotification[] = [];
  const notify = (kind: NotificationKind, state: AlertState, message: string) =>
    notifications.push({
      id: randomUUID(),
      kind,
      key: state.key,
      rule: state.rule,
      severity: state.severity,
      message,
      firingSince: state.firingSince,
      at,
      attempts: 0,
    });
  const seen = new Set<string>();

  for (const result of results) {
    seen.add(result.key);
    const before = previous[result.key];
    if (result.state === 'unknown') {
      if (before) alerts[result.key] = before;
      continue;
    }
    if (result.state === 'ok') {
      if (before) notify('resolved', before, result.message);
      continue;
    }
    if (!before) {
      const state: AlertState = {
        key: result.key,
        rule: result.rule,
        severity: result.severity,
        message: result.message,
        firingSince: at,
        lastNotifiedAt: at,
      };
      alerts[result.key] = state;
      notify('firing', state, result.message);
      continue;
    }
    const due =
      options.now.getTime() - Date.parse(before.lastNotifiedAt) >= options.repeatMinutes(result.rule) * 60_000;
    const state: AlertState = {
      ...before,
      severity: result.severity,
      message: result.message,
      lastNotifiedAt: due ? at : before.lastNotifiedAt,
    };
    alerts[result.key] = state;
    if (due) notify('repeat', state, result.message);
  }

  for (const [key, before] of Object.entries(previous)) {
    if (seen.has(key)) continue;
    if (options.complete) notify('resolved', before, `${before.message} — no longer checked`);
    else alerts[key] = before;
  }
  return { alerts, notifications };
}
