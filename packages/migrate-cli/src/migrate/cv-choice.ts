import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { cvKeyOfBytes, errorMessage, JobSearchError, readCvBytes, sha256Hex } from '@jobsearchai/core';

/** Where the legacy installation kept CVs; records name them relative to it (`cv_path`). */
export const LEGACY_CV_DIR = 'process_cv/cv-data';

export interface CvChoice {
  cvKey: string;
  /** Set when a CV file was given: it is registered in cv_versions with the import. */
  cv?: { fileName: string; filePath: string; fileHash: string };
}

/** Reads CV files once each, however many legacy files name them. */
export class CvFiles {
  readonly #byPath = new Map<string, Promise<CvChoice>>();

  fromFile(path: string): Promise<CvChoice> {
    let choice = this.#byPath.get(path);
    if (!choice) {
      choice = readChoice(path);
      this.#byPath.set(path, choice);
    }
    return choice;
  }
}

async function readChoice(path: string): Promise<CvChoice> {
  let bytes: Buffer;
  try {
    bytes = await readCvBytes(path);
  } catch (cause) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `${errorMessage(cause)} If the CV file is gone, give its key instead (--cv-key or cvKey in the mapping: the first 16 hex characters of its SHA-256).`,
      { cause },
    );
  }
  return { cvKey: cvKeyOfBytes(bytes), cv: { fileName: basename(path), filePath: path, fileHash: sha256Hex(bytes) } };
}

/** The CV a legacy record names, when that file is still where the legacy installation kept it. */
export function legacyCvPath(cwd: string, cvPath: string | null | undefined): string | undefined {
  if (!cvPath) return undefined;
  const path = resolve(cwd, LEGACY_CV_DIR, cvPath);
  return existsSync(path) ? path : undefined;
}
