import { basename } from 'node:path';

const STAMP = /job_matches_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})(?!\d)/;

/**
 * The time a legacy matcher wrote `job_matches_YYYYMMDD_HHMMSS.json`, as UTC ISO-8601, or null
 * when the name carries no valid stamp. The legacy code wrote the stamp in the server's local time
 * without a zone; it is read as UTC, the same choice parseLegacyTimestamp makes for zone-less legacy
 * timestamps, so rows imported from files and rows adopted from a legacy database sort alike (an hour
 * off at worst on a CET server). The stamp is the best record of when the postings were scraped and
 * matched: the file's mtime changes whenever the folder is copied.
 */
export function timestampFromLegacyFileName(path: string): string | null {
  const parts = STAMP.exec(basename(path));
  if (!parts) return null;
  const [y, mo, d, h, mi, s] = parts.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 2025-02-30 over to March; such a stamp is not a real time.
  const exact =
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s;
  return exact ? date.toISOString() : null;
}
