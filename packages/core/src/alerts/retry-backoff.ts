/** Minutes to wait after the 1st, 2nd, … failed attempt; the last step repeats. */
export const ALERT_RETRY_MINUTES = [1, 5, 30, 120, 360] as const;

/** When to try again after `attempts` failed attempts, or null when `maxAttempts` are used up. */
export function nextAlertAttempt(attempts: number, maxAttempts: number, now: Date): string | null {
  if (attempts >= maxAttempts) return null;
  const minutes = ALERT_RETRY_MINUTES[Math.min(Math.max(attempts, 1), ALERT_RETRY_MINUTES.length) - 1]!;
  return new Date(now.getTime() + minutes * 60_000).toISOString();
}
