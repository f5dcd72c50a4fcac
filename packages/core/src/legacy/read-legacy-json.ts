import type { LegacyFileReadResult, LegacyMatchRecord, LegacyRejectedRecord } from './legacy-match-types.js';
import { parseLegacyJsonArray } from './parse-legacy-json-array.js';
import { parseLegacyMatchRecord } from './parse-legacy-match-record.js';
import { readLegacyFileText } from './read-legacy-file-text.js';

const MATCH_FILE = { contents: 'match records', pattern: 'job_matches_*.json' };

/**
 * Reads a legacy `job_matches_*.json` file. Malformed records are reported in `rejected` beside
 * the good ones; only a file that cannot be read as a JSON array throws. Duplicate URLs are kept
 * as separate records: deduplication is the importer's decision.
 */
export async function readLegacyMatchFile(path: string): Promise<LegacyFileReadResult> {
  const { text, sha256 } = await readLegacyFileText(path);
  return { ...parseLegacyMatchJson(text, path), sha256 };
}

export function parseLegacyMatchJson(text: string, fileName: string): LegacyFileReadResult {
  const elements = parseLegacyJsonArray(text, fileName, MATCH_FILE);
  const records: LegacyMatchRecord[] = [];
  const rejected: LegacyRejectedRecord[] = [];
  for (let index = 0; index < elements.length; index++) {
    const outcome = parseLegacyMatchRecord(elements[index], index);
    if (outcome.ok) records.push(outcome.record);
    else rejected.push(outcome.rejected);
  }
  return { fileName, records, rejected, totalRecords: elements.length };
}
