import { isJsonObject, readLegacyPostingFields, readLegacyUrl } from './legacy-fields.js';
import type { LegacyJobPosting } from './legacy-match-types.js';
import { parseLegacyJsonArray } from './parse-legacy-json-array.js';
import { readLegacyFileText } from './read-legacy-file-text.js';

const JOB_DATA_FILE = { contents: 'result pages', pattern: 'job_data_*.json' };

/**
 * Reads a legacy scraper file `job_data_*.json` — a list of pages, each a list of postings or
 * `{"content": [postings]}` — into one flat list, for looking postings up by URL. Postings are
 * kept in file order; anything that is not a posting with a usable URL cannot be looked up and
 * is left out.
 */
export async function readLegacyJobDataFile(path: string): Promise<LegacyJobPosting[]> {
  return parseLegacyJobDataJson((await readLegacyFileText(path)).text, path);
}

export function parseLegacyJobDataJson(text: string, fileName: string): LegacyJobPosting[] {
  const postings: LegacyJobPosting[] = [];
  for (const page of parseLegacyJsonArray(text, fileName, JOB_DATA_FILE)) {
    for (const raw of pagePostings(page)) {
      if (!isJsonObject(raw)) continue;
      const { url } = readLegacyUrl(raw);
      if (url !== undefined) postings.push({ jobUrl: url, ...readLegacyPostingFields(raw), raw });
    }
  }
  return postings;
}

function pagePostings(page: unknown): unknown[] {
  if (Array.isArray(page)) return page;
  if (isJsonObject(page) && Array.isArray(page.content)) return page.content;
  return [];
}
