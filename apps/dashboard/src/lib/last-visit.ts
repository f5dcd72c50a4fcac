import { parseTimestamp } from './format';

/**
 * "New since your last visit" for the matches list.
 *
 * A visit is one browser session of the dashboard in one tab (sessionStorage lives as long as the
 * tab, across reloads). The dashboard keeps in localStorage when the list was last shown
 * (`seenUntil`, refreshed whenever the list is shown). The first time a tab shows the list, that
 * value becomes the tab's baseline (kept in sessionStorage): rows evaluated after it are new. A
 * reload keeps the baseline, so the marks stay until the user closes the tab or marks the rows as
 * seen; the next visit then compares with the end of this one. The very first visit has no
 * baseline and marks nothing (everything would be new).
 */

export const SEEN_UNTIL_KEY = 'jobsearchai.matches.seenUntil';
export const BASELINE_KEY = 'jobsearchai.matches.visitBaseline';
/** sessionStorage holds '' when this visit had no earlier one. */
const NO_BASELINE = '';

export interface VisitStorage {
  local: Pick<Storage, 'getItem' | 'setItem'>;
  session: Pick<Storage, 'getItem' | 'setItem'>;
}

/** Starts (or continues, after a reload) this tab's visit; returns the time rows are compared with. */
export function beginVisit(storage: VisitStorage, now: Date = new Date()): Date | null {
  let baseline = storage.session.getItem(BASELINE_KEY);
  if (baseline === null) {
    const previous = storage.local.getItem(SEEN_UNTIL_KEY);
    baseline = previous !== null && parseTimestamp(previous) ? previous : NO_BASELINE;
    storage.session.setItem(BASELINE_KEY, baseline);
  }
  storage.local.setItem(SEEN_UNTIL_KEY, now.toISOString());
  return baseline === NO_BASELINE ? null : parseTimestamp(baseline);
}

/** "Mark as seen": this visit's marks go; later evaluations are new again. */
export function markAllSeen(storage: VisitStorage, now: Date = new Date()): Date {
  storage.session.setItem(BASELINE_KEY, now.toISOString());
  storage.local.setItem(SEEN_UNTIL_KEY, now.toISOString());
  return now;
}

/** A row is new when its evaluation was stored after the baseline. */
export function isNewSince(matchedAt: string | null, baseline: Date | null): boolean {
  if (!baseline) return false;
  const time = parseTimestamp(matchedAt);
  return time !== null && time.getTime() > baseline.getTime();
}

/** The browser's storages, or throwaway ones where storage is blocked (private modes, policies). */
export function browserVisitStorage(): VisitStorage {
  try {
    window.localStorage.getItem(SEEN_UNTIL_KEY);
    return { local: window.localStorage, session: window.sessionStorage };
  } catch {
    const memory = new Map<string, string>();
    const store = {
      getItem: (k: string) => memory.get(k) ?? null,
      setItem: (k: string, v: string) => void memory.set(k, v),
    };
    return { local: store, session: store };
  }
}
