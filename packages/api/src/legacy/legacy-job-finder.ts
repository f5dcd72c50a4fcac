import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { errorMessage, type Logger } from '@jobsearchai/core';
import {
  discoverLegacyJobDataFiles,
  discoverLegacyMatchFiles,
  readLegacyJobDataFile,
  readLegacyMatchFile,
  type LegacyJobPosting,
  type LegacyMatchRecord,
} from '@jobsearchai/core/legacy-import';

export type LegacyFileKind = 'job_matches' | 'job_data';

export type LegacyHit =
  | { kind: 'job_matches'; file: string; record: LegacyMatchRecord }
  | { kind: 'job_data'; file: string; posting: LegacyJobPosting };

interface ParsedFile {
  mtimeMs: number;
  size: number;
  /** Canonical URL → the first record of the file with that URL. */
  byUrl: Map<string, LegacyHit>;
}

interface LegacyFile {
  path: string;
  kind: LegacyFileKind;
  /** `YYYYMMDD_HHMMSS` from the name: the order in which the legacy tools wrote the files. */
  stamp: string;
}

/**
 * Looks postings up by canonical URL in legacy JSON files, newest file first, as the legacy
 * dashboard did — but only an exact URL match counts. Parsed files are cached and re-read only
 * when their modification time or size changes, so repeated lookups cost a directory listing
 * and a stat per file.
 */
export class LegacyJobFinder {
  readonly #dirs: readonly string[];
  readonly #logger: Logger;
  readonly #cache = new Map<string, ParsedFile>();
  readonly #loading = new Map<string, Promise<ParsedFile>>();
  #reads = 0;

  constructor(dirs: readonly string[], logger: Logger) {
    this.#dirs = dirs;
    this.#logger = logger;
  }

  /** How many files have been parsed so far (for tests of the cache). */
  get fileReads(): number {
    return this.#reads;
  }

  async find(url: string): Promise<LegacyHit | null> {
    const files = await this.#listFiles();
    const present = new Set(files.map((file) => file.path));
    for (const path of this.#cache.keys()) if (!present.has(path)) this.#cache.delete(path);
    for (const file of files) {
      const parsed = await this.#parsed(file);
      const hit = parsed?.byUrl.get(url);
      if (hit) return hit;
    }
    return null;
  }

  async #listFiles(): Promise<LegacyFile[]> {
    const files: LegacyFile[] = [];
    for (const dir of this.#dirs) {
      if (!(await isDirectory(dir))) continue;
      try {
        for (const path of await discoverLegacyMatchFiles(dir)) files.push(legacyFile(path, 'job_matches'));
        for (const path of await discoverLegacyJobDataFiles(dir)) files.push(legacyFile(path, 'job_data'));
      } catch (error) {
        this.#logger.warn({ dir, error: errorMessage(error) }, 'cannot list a legacy JSON directory');
      }
    }
    // Newest first; for one timestamp the match file (which has the evaluation) before the scraper file.
    return files.sort((a, b) =>
      a.stamp === b.stamp ? (a.kind === 'job_matches' ? -1 : 1) : a.stamp < b.stamp ? 1 : -1,
    );
  }

  async #parsed(file: LegacyFile): Promise<ParsedFile | null> {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(file.path);
    } catch {
      return null; // removed since the listing
    }
    const cached = this.#cache.get(file.path);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
    let loading = this.#loading.get(file.path);
    if (!loading) {
      loading = this.#parse(file, info.mtimeMs, info.size).finally(() => this.#loading.delete(file.path));
      this.#loading.set(file.path, loading);
    }
    return loading;
  }

  async #parse(file: LegacyFile, mtimeMs: number, size: number): Promise<ParsedFile> {
    this.#reads++;
    const byUrl = new Map<string, LegacyHit>();
    const name = basename(file.path);
    try {
      if (file.kind === 'job_matches') {
        const result = await readLegacyMatchFile(file.path);
        for (const record of result.records)
          if (!byUrl.has(record.jobUrl)) byUrl.set(record.jobUrl, { kind: 'job_matches', file: name, record });
      } else {
        for (const posting of await readLegacyJobDataFile(file.path))
          if (!byUrl.has(posting.jobUrl)) byUrl.set(posting.jobUrl, { kind: 'job_data', file: name, posting });
      }
    } catch (error) {
      // A broken file must not break lookups in the others; it is skipped until it changes.
      this.#logger.warn({ file: file.path, error: errorMessage(error) }, 'skipping an unreadable legacy JSON file');
    }
    const parsed = { mtimeMs, size, byUrl };
    this.#cache.set(file.path, parsed);
    return parsed;
  }
}

function legacyFile(path: string, kind: LegacyFileKind): LegacyFile {
  const name = basename(path);
  return { path, kind, stamp: name.slice(kind.length + 1, -'.json'.length) };
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
