import type { MatchListItem } from '@jobsearchai/api/contract';
import { formatTimestamp } from './format';

/**
 * CSV as RFC 4180 describes it (CRLF rows, fields quoted when they hold a comma, quote or line
 * break, quotes doubled), with a UTF-8 byte order mark so spreadsheet programs read umlauts right.
 */

export type CsvCell = string | number | null | undefined;

// A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** One line per posting, as the list shows it: the representative evaluation and the group's fields. */
export const MATCH_CSV_HEADER = [
  'id',
  'status',
  'application_status',
  'title',
  'company',
  'location',
  'score',
  'best_score',
  'search_terms',
  'evaluations',
  'cv_key',
  'posting_date',
  'workload',
  'matched_at',
  'url',
] as const;

export function matchesToCsv(matches: readonly MatchListItem[]): string {
  return toCsv(
    MATCH_CSV_HEADER,
    matches.map((m) => [
      m.id,
      m.evaluationStatus,
      m.applicationStatus,
      m.jobTitle,
      m.companyName,
      m.location,
      m.overallMatch,
      m.bestScore,
      m.searchTerms.join('; '),
      m.evaluationCount,
      m.cvKey,
      m.postingDate,
      m.salaryRange,
      m.matchedAt ? formatTimestamp(m.matchedAt) : '',
      m.jobUrl,
    ]),
  );
}

/** A file name that says what was exported, e.g. `matches-IT-2026-11-25.csv`. */
export function csvFileName(searchTerm: string, today: Date = new Date()): string {
  const slug = searchTerm
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `matches${slug ? `-${slug}` : ''}-${today.toISOString().slice(0, 10)}.csv`;
}

/** Hands the text to the browser as a download. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; the next tick is enough.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
