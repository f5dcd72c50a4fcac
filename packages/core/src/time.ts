/** Timestamps written by this release: UTC ISO-8601 with milliseconds, which sort as text. */
export function nowIso(): string {
  return new Date().toISOString();
}

export function toIso(date: Date): string {
  return date.toISOString();
}

const SQLITE_UTC = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;
const DMY = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/**
 * Reads every timestamp format found in legacy databases: SQLite's UTC `YYYY-MM-DD HH:MM:SS`
 * (CURRENT_TIMESTAMP), local-time ISO with microseconds and no zone (Python's isoformat()),
 * ISO with a zone, PostgreSQL's text form of a timestamptz, and `DD.MM.YYYY` dates.
 * A timestamp without a zone is read as UTC: the legacy code wrote CURRENT_TIMESTAMP (UTC) and
 * Python local time on a server that, in practice, ran in UTC or CET — an hour is the worst error.
 * Returns null for anything else (e.g. "N/A").
 */
export function parseLegacyTimestamp(value: string | null | undefined): Date | null {
  if (value == null) return null;
  const text = value.trim();
  if (text === '') return null;
  const dmy = DMY.exec(text);
  if (dmy) {
    const [, d, m, y] = dmy;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    return date.getUTCDate() === Number(d) ? date : null;
  }
  const plain = SQLITE_UTC.exec(text);
  // JavaScript's Date keeps milliseconds only; Python writes microseconds.
  const iso = plain ? `${plain[1]}T${plain[2]!.replace(/(\.\d{3})\d+/, '$1')}Z` : normaliseZone(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso)) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms);
}

function normaliseZone(text: string): string {
  // PostgreSQL prints `2025-11-02 13:15:24.700803+00`; Date.parse wants `T` and `+00:00`.
  return text
    .replace(' ', 'T')
    .replace(/(\.\d{3})\d+/, '$1')
    .replace(/([+-]\d{2})$/, '$1:00');
}
