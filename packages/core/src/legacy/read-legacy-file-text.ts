import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { sha256Hex } from '../cv/cv-key.js';
import { errorMessage, JobSearchError } from '../errors.js';

export interface LegacyFileText {
  text: string;
  /** Of the bytes as stored, so an import can recognise a file it has seen before. */
  sha256: string;
}

/**
 * Reads a legacy file as UTF-8. Bytes that are not UTF-8 are an error rather than replacement
 * characters: a re-encoded file would otherwise lose its umlauts without anyone noticing.
 */
export async function readLegacyFileText(path: string): Promise<LegacyFileText> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new JobSearchError(
      'IO_ERROR',
      `Cannot read ${path}: ${errorMessage(cause)}. Check the path and the file's permissions.`,
      {
        cause,
        details: { path },
      },
    );
  }
  // isUtf8 + toString is the same check as a fatal TextDecoder at a fraction of its cost, which
  // counted at migration size; a byte order mark is left to the JSON reader, which skips it.
  if (!isUtf8(bytes)) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `${path} is not UTF-8 text. Convert it (for example \`iconv -f latin1 -t utf-8\`) and run again.`,
      { details: { path } },
    );
  }
  return { text: bytes.toString('utf8'), sha256: sha256Hex(bytes) };
}
