import {
  type AlertChannel,
  type AlertDeliveryMode,
  errorMessage,
  type Logger,
  type RunRecord,
} from '@jobsearchai/core';
import type { Store } from '@jobsearchai/core/store';
import type { AlertConfig } from '../config.js';
import { nextDailyTime } from '../schedules/cron-schedule.js';

/** What every run's alerts follow unless its schedule says otherwise. */
export interface RunAlertSettings {
  /** The channels configured for this installation; none = nothing is queued. */
  channels: AlertChannel[];
  minScore: number;
  delivery: AlertDeliveryMode;
  digestTime: string;
  timeZone: string;
}

/** A scheduled run's own alert settings (the schedule's threshold, delivery and time zone). */
export interface ScheduleAlerts {
  scheduleId: number;
  threshold: number;
  delivery: AlertDeliveryMode;
  timeZone: string;
}

export function alertChannels(config: AlertConfig): AlertChannel[] {
  const channels: AlertChannel[] = [];
  if (config.webhookUrl) channels.push('webhook');
  if (config.email) channels.push('email');
  return channels;
}

export function runAlertSettings(config: AlertConfig): RunAlertSettings {
  return {
    channels: alertChannels(config),
    minScore: config.minScore,
    delivery: config.delivery,
    digestTime: config.digestTime,
    timeZone: config.timeZone,
  };
}

/**
 * Right after a run ends (whatever its status: the evaluations it stored are real), queues its
 * strong matches new to the CV. A digest is due at the first digest time after now, in the
 * schedule's time zone for a scheduled run, else in ALERT_TIME_ZONE. Returns the rows queued.
 */
export async function queueAlertsForRun(
  store: Store,
  run: RunRecord,
  settings: RunAlertSettings,
  schedule: ScheduleAlerts | undefined,
  logger: Logger,
  now = new Date(),
): Promise<number> {
  const delivery = schedule?.delivery ?? settings.delivery;
  if (settings.channels.length === 0 || delivery === 'off') return 0;
  try {
    const queued = await store.queueRunAlerts({
      runId: run.id,
      minScore: schedule?.threshold ?? settings.minScore,
      mode: delivery,
      channels: settings.channels,
      dueAt:
        delivery === 'digest'
          ? nextDailyTime(settings.digestTime, schedule?.timeZone ?? settings.timeZone, now)
          : now.toISOString(),
      scheduleId: schedule?.scheduleId ?? null,
    });
    if (queued > 0) logger.info({ runId: run.id, queued, delivery }, 'match alerts queued');
    return queued;
  } catch (error) {
    logger.error({ runId: run.id, error: errorMessage(error) }, 'could not queue the match alerts of the run');
    return 0;
  }
}
