import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { JobSearchError } from '../errors.js';

/** A cv_key: the first 16 lowercase hex characters of the SHA-256 of the CV file's bytes. */
export const CV_KEY_PATTERN = /^[0-9a-f]{16}$/;

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Same key as the legacy system, so keys carry over: any byte change makes a new key. */
export function cvKeyOfBytes(bytes: Uint8Array): string {
  return sha256Hex(bytes).slice(0, 16);
}

export async function cvKey(path: string): Promise<string> {
  return cvKeyOfBytes(await readCvBytes(path));
}

export async function readCvBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    throw new JobSearchError(
      'IO_ERROR',
      `Cannot read the CV file ${path}: ${(cause as Error).message}. Check the path and the file's permissions.`,
      { cause },
    );
  }
}

export function isCvKey(value: string): boolean {
  return CV_KEY_PATTERN.test(value);
}

/** Validates a manually typed key; upper case is accepted and folded, anything else is an error. */
export function parseCvKey(value: string): string {
  const key = value.trim().toLowerCase();
  if (!isCvKey(key)) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `"${value}" is not a cv_key: expected 16 hexadecimal characters (the first 16 of the CV file's SHA-256).`,
    );
  }
  return key;
}
