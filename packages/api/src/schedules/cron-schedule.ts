import { JobSearchError } from '@jobsearchai/core';
import { Cron } from 'croner';

type CronProblem = { field: 'cron' | 'time_zone'; message: string };

/**
 * Why `cron` read in `timeZone` cannot schedule anything, or null when it can. Both are checked:
 * croner's own message for the expression, the platform's list of IANA zones for the zone (so a
 * typo is refused when the schedule is saved, not at its first start).
 */
export function cronProblem(cron: string, timeZone: string): CronProblem | null {
  const parsed = parseCron(cron, timeZone);
  return 'problem' in parsed ? parsed.problem : null;
}

/** The first occurrence strictly after `after` (UTC ISO-8601), or null when the expression has none left. */
export function nextOccurrence(cron: string, timeZone: string, after: Date): string | null {
  const parsed = parseCron(cron, timeZone);
  if ('problem' in parsed)
    throw new JobSearchError('INVALID_INPUT', `Schedule field "${parsed.problem.field}" ${parsed.problem.message}.`);
  return parsed.cron.nextRun(after)?.toISOString() ?? null;
}

function parseCron(cron: string, timeZone: string): { cron: Cron } | { problem: CronProblem } {
  if (!isTimeZone(timeZone))
    return {
      problem: {
        field: 'time_zone',
        message: `"${timeZone.slice(0, 60)}" is not an IANA time zone; use a name such as Europe/Zurich or UTC`,
      },
    };
  try {
    return { cron: cronOf(cron, timeZone) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error);
    return {
      problem: {
        field: 'cron',
        message: `is not a cron expression (${reason}); write 5 fields "minute hour day month weekday", e.g. "0 7 * * 1-5"`,
      },
    };
  }
}

function cronOf(cron: string, timeZone: string): Cron {
  // paused: the expression is only evaluated, never run by croner (the scheduler claims in the database).
  return new Cron(cron, { timezone: timeZone, paused: true, mode: '5-or-6-parts' });
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The first `HH:MM` in `timeZone` strictly after `after` (UTC ISO-8601): when a digest queued then is sent. */
export function nextDailyTime(time: string, timeZone: string, after: Date): string {
  const [hours, minutes] = time.split(':').map(Number);
  return nextOccurrence(`${minutes} ${hours} * * *`, timeZone, after)!;
}
