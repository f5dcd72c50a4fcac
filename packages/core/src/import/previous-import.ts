import { readFile } from 'node:fs/promises';
import { sha256Hex } from '../cv/cv-key.js';
import { errorMessage, JobSearchError } from '../errors.js';
import { isCompletedImport } from '../store/legacy-imports.js';
import type { Store } from '../store/store.js';
import type { LegacyImportRecord } from '../store/types.js';

/** SHA-256 of a legacy file's bytes: how legacy_imports recognises content it has seen, under any name. */
export async function legacyFileSha256(path: string): Promise<string> {
  try {
    return sha256Hex(await readFile(path));
  } catch (cause) {
    throw new JobSearchError(
      'IO_ERROR',
      `Cannot read ${path}: ${errorMessage(cause)}. Check the path and the file's permissions.`,
      { cause, details: { path } },
    );
  }
}

/** The latest completed import of a file with these bytes, or null. */
export async function previousImport(store: Store, sha256: string): Promise<LegacyImportRecord | null> {
  return (await store.findLegacyImports(sha256)).at(-1) ?? null;
}

/**
 * Every completed import by file content (the latest per sha256): one query for a whole folder,
 * so that a re-run over thousands of imported files costs a hash per file and nothing more.
 */
export async function completedImports(store: Store): Promise<Map<string, LegacyImportRecord>> {
  const bySha = new Map<string, LegacyImportRecord>();
  for (const record of await store.listLegacyImports()) {
    if (isCompletedImport(record)) bySha.set(record.sha256, record);
  }
  return bySha;
}
