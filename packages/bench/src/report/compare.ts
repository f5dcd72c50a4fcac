import { percentChange } from '../stats/percentiles.js';

/** A figure worth following from one results file to the next. */
export interface HeadlineMetric {
  label: string;
  value: number;
  unit: string;
  /** Which direction is an improvement. */
  better: 'higher' | 'lower';
}

export type Headline = Record<string, HeadlineMetric>;

export interface ComparisonRow {
  key: string;
  label: string;
  unit: string;
  before: number | null;
  after: number | null;
  /** after vs before in percent; null when either is missing or before is 0. */
  changePercent: number | null;
  verdict: 'better' | 'worse' | 'same' | 'new' | 'gone';
}

/** Changes smaller than this (percent) are noise on a shared 2-core machine. */
export const NOISE_PERCENT = 5;

/**
 * Before/after rows for every headline metric of either file, in the current file's order
 * (metrics that disappeared last). A change within ±NOISE_PERCENT counts as the same.
 */
export function compareHeadlines(before: Headline | null | undefined, after: Headline): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const previous = before ?? {};
  for (const [key, metric] of Object.entries(after)) {
    const old = previous[key];
    if (!old) {
      rows.push({
        key,
        label: metric.label,
        unit: metric.unit,
        before: null,
        after: metric.value,
        changePercent: null,
        verdict: 'new',
      });
      continue;
    }
    const changePercent = percentChange(old.value, metric.value);
    rows.push({
      key,
      label: metric.label,
      unit: metric.unit,
      before: old.value,
      after: metric.value,
      changePercent,
      verdict: verdictOf(old.value, metric.value, changePercent, metric.better),
    });
  }
  for (const [key, metric] of Object.entries(previous)) {
    if (!(key in after))
      rows.push({
        key,
        label: metric.label,
        unit: metric.unit,
        before: metric.value,
        after: null,
        changePercent: null,
        verdict: 'gone',
      });
  }
  return rows;
}

function verdictOf(
  before: number,
  after: number,
  changePercent: number | null,
  better: 'higher' | 'lower',
): ComparisonRow['verdict'] {
  if (before === after) return 'same';
  if (changePercent !== null && Math.abs(changePercent) < NOISE_PERCENT) return 'same';
  const improved = better === 'higher' ? after > before : after < before;
  return improved ? 'better' : 'worse';
}
