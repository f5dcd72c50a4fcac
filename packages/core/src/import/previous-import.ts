import { readFile } from 'node:fs/promises';
import { sha256Hex } from '../cv/cv-key.js';
import { errorMessage, JobSearchError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { LegacyImportRecord } from '../store/types.js';

export interface LegacyFileCheck {
  sha256: string;
  /** The latest completed import of a file with these bytes (under any name), or null. */
  previous: LegacyImportRecord | null;
}

/**
 * Whether a file's content was imported before. Only hashes the bytes, so a re-run over
 * imported files costs a read and a hash per file, not a parse.
 */
export async function checkLegacyFile(store: Store, path: string): Promise<LegacyFileCheck> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new JobSearchError('IO_ERROR', `Cannot read ${path}: ${errorMessage(cause)}. Check the path and the file's permissions.`, { cause, details: { path } });
  }
  const sha256 = sha256Hex(bytes);
  return { sha256, previous: await previousImport(store, sha256) };
}

export async function previousImport(store: Store, sha256: string): Promise<LegacyImportRecord | null> {
  return (await store.findLegacyImports(sha256)).at(-1) ?? null;
}
