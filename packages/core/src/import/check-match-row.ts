import { CV_KEY_PATTERN } from '../cv/cv-key.js';
import { describeJsonValue as show } from '../legacy/describe-json-value.js';
import { parseLegacyTimestamp } from '../time.js';
import type { StoredMatchRow } from '../store/stored-match-rows.js';
import { SUB_SCORE_COLUMNS } from '../store/match-columns.js';
import { tryNormalizeJobUrl } from '../url/normalize-job-url.js';

export type { StoredMatchRow } from '../store/stored-match-rows.js';

export { SUB_SCORE_COLUMNS };

/**
 * What is wrong with a stored row, as readers of this release and of the legacy code expect it:
 * a score that is an integer 1–10, or 0 for a failed evaluation (the legacy encoding, kept so the
 * legacy code can still read the row); sub-scores 1–10 or empty; a 16-hex cv_key; the canonical
 * form of the URL (else the dedup key misses it); timestamps in a format parseLegacyTimestamp reads;
 * scraped_data as JSON text.
 */
export function checkMatchRow(row: StoredMatchRow): string[] {
  const problems: string[] = [];
  const failed = row.overall_match === 0;
  if (!failed && !isScore(row.overall_match))
    problems.push(`overall_match ${show(row.overall_match)} is not an integer 1–10 (or 0 for a failed evaluation)`);
  if (row.evaluation_status != null && row.evaluation_status !== (failed ? 'failed' : 'evaluated')) {
    problems.push(
      `evaluation_status ${show(row.evaluation_status)} contradicts overall_match ${show(row.overall_match)}`,
    );
  }
  for (const column of SUB_SCORE_COLUMNS) {
    const value = row[column];
    if (value == null || isScore(value) || (failed && value === 0)) continue;
    problems.push(`${column} ${show(value)} is not an integer 1–10`);
  }
  if (typeof row.cv_key !== 'string' || !CV_KEY_PATTERN.test(row.cv_key))
    problems.push(`cv_key ${show(row.cv_key)} is not 16 lowercase hex characters`);
  if (typeof row.search_term !== 'string' || row.search_term.trim() === '') problems.push('search_term is empty');
  if (typeof row.job_url !== 'string') {
    problems.push(`job_url ${show(row.job_url)} is not text`);
  } else {
    const canonical = tryNormalizeJobUrl(row.job_url);
    if (canonical !== row.job_url)
      problems.push(
        canonical === null
          ? `job_url ${show(row.job_url)} is not a posting URL`
          : `job_url is not canonical (expected ${canonical})`,
      );
  }
  for (const column of ['scraped_at', 'matched_at'] as const) {
    const value = row[column];
    if (parseLegacyTimestamp(value == null ? null : String(value)) === null)
      problems.push(`${column} ${show(value)} is not a timestamp`);
  }
  if (typeof row.scraped_data !== 'string' || !isJson(row.scraped_data)) problems.push('scraped_data is not JSON text');
  return problems;
}

function isScore(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 10;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
