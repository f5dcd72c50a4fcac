import type { MatchRecord } from '@jobsearchai/api/contract';

/**
 * Display helpers. Times are shown in UTC, the zone the API filters matched days in, so a row
 * dated 2026-11-25 is found by the date filter for 2026-11-25.
 */

const ZONELESS = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?$/;
const DMY = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** Reads the formats stored rows carry: ISO with a zone, SQLite's `YYYY-MM-DD HH:MM:SS` (UTC), zone-less ISO (read as UTC), `DD.MM.YYYY`. */
export function parseTimestamp(value: string | null | undefined): Date | null {
  const text = value?.trim() ?? '';
  if (!text) return null;
  const dmy = DMY.exec(text);
  if (dmy) {
    const date = new Date(Date.UTC(Number(dmy[3]), Number(dmy[2]) - 1, Number(dmy[1])));
    return date.getUTCDate() === Number(dmy[1]) ? date : null;
  }
  const zoneless = ZONELESS.exec(text);
  const iso = zoneless
    ? `${zoneless[1]}T${zoneless[2]}${(zoneless[3] ?? '').slice(0, 4)}Z`
    : text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso)) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** `2026-11-25 14:03` (UTC); the stored text when it is no timestamp. */
export function formatTimestamp(value: string | null | undefined): string {
  const date = parseTimestamp(value);
  if (!date) return value?.trim() ?? '';
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

export function formatDay(value: string | null | undefined): string {
  const date = parseTimestamp(value);
  return date ? date.toISOString().slice(0, 10) : (value?.trim() ?? '');
}

export type ScoreLevel = 'high' | 'medium' | 'low' | 'none';

/** The legacy badges: 8 and up is a strong match, 6 and 7 worth a look. */
export function scoreLevel(score: number | null | undefined): ScoreLevel {
  if (score === null || score === undefined) return 'none';
  if (score >= 8) return 'high';
  if (score >= 6) return 'medium';
  return 'low';
}

const integer = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return integer.format(value);
}

/** Costs of single LLM calls are fractions of a cent: show enough digits to see them. */
export function formatUsd(value: number): string {
  const abs = Math.abs(value);
  const digits = abs === 0 ? 2 : abs < 0.01 ? 4 : 2;
  return `$${value.toFixed(digits)}`;
}

export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  return `${Math.round(ratio * 100)} %`;
}

/** part / whole, or null when the whole is 0. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

const STOP_REASONS: Record<string, string> = {
  early_exit: 'Early exit: a page had nothing new',
  end_of_results: 'End of results',
  repeated_page: 'The board repeated its last page',
  max_pages: 'Reached the page limit',
  blocked: 'Blocked by the board',
  budget_exhausted: 'LLM budget used up',
  cancelled: 'Cancelled',
  source_error: 'Job board error',
  error: 'Error',
  interrupted: 'Interrupted (server stopped)',
};

export function describeStopReason(reason: string | null | undefined): string {
  if (!reason) return '–';
  return STOP_REASONS[reason] ?? reason.replaceAll('_', ' ');
}

/** Who scored an evaluation, in words. */
export function describeMatcher(match: Pick<MatchRecord, 'matcher' | 'model'>): string {
  if (match.matcher === 'heuristic') return `Offline heuristic (${match.model ?? 'no model'}), not an LLM`;
  if (match.matcher || match.model) return [match.matcher, match.model].filter(Boolean).join(', ');
  return 'Unknown (imported from the legacy system)';
}
