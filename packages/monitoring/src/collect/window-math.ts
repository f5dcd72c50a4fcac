/** ISO-8601 timestamp `hours` before `now`: the start of a window, as the store's `since` arguments take it. */
export function isoHoursBefore(now: Date, hours: number): string {
  return new Date(now.getTime() - hours * 3_600_000).toISOString();
}

/** part/whole in percent with one decimal place, or null when there is nothing to divide. */
export function percent(part: number, whole: number): number | null {
  if (!(whole > 0)) return null;
  return Math.round((part / whole) * 1000) / 10;
}

export function hoursBetween(earlier: Date, later: Date): number {
  return Math.round(((later.getTime() - earlier.getTime()) / 3_600_000) * 100) / 100;
}
