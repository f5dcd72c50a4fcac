import { describe, expect, it } from 'vitest';
import {
  BASELINE_KEY,
  beginVisit,
  isNewSince,
  markAllSeen,
  SEEN_UNTIL_KEY,
  type VisitStorage,
} from '../src/lib/last-visit';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

/** One browser: localStorage survives, each tab session has its own sessionStorage. */
function browser() {
  const local = memoryStorage();
  return { local, tab: (): VisitStorage => ({ local, session: memoryStorage() }) };
}

describe('new since the last visit', () => {
  it('marks nothing on the first visit, then rows evaluated after the previous visit', () => {
    const b = browser();
    const first = b.tab();
    expect(beginVisit(first, new Date('2026-11-20T08:00:00Z'))).toBeNull();
    // Still the first visit after a reload, and later in the same session.
    expect(beginVisit(first, new Date('2026-11-20T09:30:00Z'))).toBeNull();
    expect(b.local.map.get(SEEN_UNTIL_KEY)).toBe('2026-11-20T09:30:00.000Z');

    const second = b.tab();
    const baseline = beginVisit(second, new Date('2026-11-25T10:00:00Z'));
    // The previous visit ended (last showed the list) at 09:30.
    expect(baseline?.toISOString()).toBe('2026-11-20T09:30:00.000Z');
    expect(isNewSince('2026-11-20 09:45:00', baseline)).toBe(true);
    expect(isNewSince('2026-11-20T09:00:00.000Z', baseline)).toBe(false);
    expect(isNewSince(null, baseline)).toBe(false);
    expect(isNewSince('N/A', baseline)).toBe(false);
  });

  it('keeps the marks across a reload of the tab, until marked as seen', () => {
    const b = browser();
    beginVisit(b.tab(), new Date('2026-11-20T08:00:00Z'));
    const tab = b.tab();
    const baseline = beginVisit(tab, new Date('2026-11-25T10:00:00Z'));
    const reloaded = beginVisit(tab, new Date('2026-11-25T10:05:00Z'));
    expect(reloaded?.toISOString()).toBe(baseline?.toISOString());
    const seen = markAllSeen(tab, new Date('2026-11-25T10:06:00Z'));
    expect(isNewSince('2026-11-25 10:00:00', seen)).toBe(false);
    expect(beginVisit(tab, new Date('2026-11-25T10:07:00Z'))?.toISOString()).toBe('2026-11-25T10:06:00.000Z');
    expect(tab.session.getItem(BASELINE_KEY)).toBe('2026-11-25T10:06:00.000Z');
  });

  it('treats an unreadable stored time as no earlier visit', () => {
    const b = browser();
    b.local.setItem(SEEN_UNTIL_KEY, 'garbage');
    expect(beginVisit(b.tab(), new Date('2026-11-25T10:00:00Z'))).toBeNull();
  });
});
