import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage, JobSearchError } from '../errors.js';

const MATCH_FILE = /^job_matches_.+\.json$/;
const JOB_DATA_FILE = /^job_data_.+\.json$/;

/**
 * The legacy match files in `dir` (not its subdirectories), oldest first: names carry a
 * `YYYYMMDD_HHMMSS` timestamp, so name order is time order. The Markdown reports beside them
 * are not matched.
 */
export async function discoverLegacyMatchFiles(dir: string): Promise<string[]> {
  return (await listFiles(dir, MATCH_FILE)).map((name) => join(dir, name));
}

/** The legacy scraper files in `dir`, newest first — the order a lookup by URL should try them. */
export async function discoverLegacyJobDataFiles(dir: string): Promise<string[]> {
  return (await listFiles(dir, JOB_DATA_FILE)).reverse().map((name) => join(dir, name));
}

/** Names sorted by code unit, not locale, so every machine lists the same order. */
async function listFiles(dir: string, pattern: RegExp): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    throw new JobSearchError(
      'IO_ERROR',
      `Cannot list ${dir}: ${errorMessage(cause)}. Check that the directory exists and is readable.`,
      {
        cause,
        details: { path: dir },
      },
    );
  }
  return entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && pattern.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}
