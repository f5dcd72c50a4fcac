import { JobSearchError } from '../errors.js';
import { jsonKind } from './describe-json-value.js';

export interface LegacyFileKind {
  /** What the array holds, for messages: "match records". */
  contents: string;
  /** The file name pattern, for messages: "job_matches_*.json". */
  pattern: string;
}

const BOM = 0xfeff;
const POSITION = /at position (\d+)/;
const END_OF_INPUT = /end of JSON input/i;

/**
 * Parses a legacy file's text into its top-level array. Anything that makes the whole file
 * unreadable (empty, not JSON, truncated, not an array) is an INVALID_INPUT error that names the
 * file, says what is wrong and what to do; a UTF-8 byte order mark is skipped.
 */
export function parseLegacyJsonArray(text: string, fileName: string, kind: LegacyFileKind): unknown[] {
  const json = text.charCodeAt(0) === BOM ? text.slice(1) : text;
  if (json.trim() === '') {
    throw invalid(
      fileName,
      `is empty, expected a JSON array of ${kind.contents}. Restore it from a backup or remove it from the directory.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw invalid(
      fileName,
      `is not valid JSON: ${describeSyntaxError(json, cause)}. Restore the complete file from a backup or repair it, then run again.`,
      cause,
    );
  }
  if (!Array.isArray(value)) {
    throw invalid(
      fileName,
      `holds ${jsonKind(value)}, expected a JSON array of ${kind.contents}. Check that it is a legacy ${kind.pattern} file.`,
    );
  }
  return value;
}

function invalid(fileName: string, problem: string, cause?: unknown): JobSearchError {
  return new JobSearchError('INVALID_INPUT', `${fileName} ${problem}`, { cause, details: { file: fileName } });
}

/** V8 reports a character offset, if any; people look for a line and a column. */
function describeSyntaxError(json: string, cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  const position = POSITION.exec(message)?.[1];
  const offset = position === undefined ? undefined : Number(position);
  const truncated = offset === undefined ? END_OF_INPUT.test(message) : offset >= json.trimEnd().length;
  if (truncated) {
    return `the data stops at ${lineAndColumn(json, json.length)} before the JSON is complete, so the file is probably truncated`;
  }
  return offset === undefined ? message : `${message} (${lineAndColumn(json, offset)})`;
}

function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}
