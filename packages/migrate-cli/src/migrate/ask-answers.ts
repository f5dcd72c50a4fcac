import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isCvKey } from '@jobsearchai/core';
import { readLegacyMatchFile } from '@jobsearchai/core/legacy-import';
import type { AskConfig, Prompter } from '../prompts.js';
import { legacyCvPath } from './cv-choice.js';
import type { PartialAnswers } from './mapping-file.js';

export type AskedAnswers = { kind: 'answers'; searchTerm: string; cv?: string; cvKey?: string } | { kind: 'skipped' };

export function searchTermQuestion(fileName: string, records: number): AskConfig {
  return { message: `${fileName} (${records} records): search term (empty skips this file)` };
}

export function cvQuestion(fileName: string, defaultPath: string | undefined): AskConfig {
  return { message: `${fileName}: CV file (path), or its cv_key`, default: defaultPath };
}

export function cvKeyQuestion(fileName: string, missingPath: string): AskConfig {
  return {
    message: `${missingPath} does not exist. cv_key for ${fileName} (16 hex characters; empty skips this file)`,
    validate: (value) =>
      value.trim() === '' ||
      isCvKey(value.trim().toLowerCase()) ||
      "A cv_key is 16 hexadecimal characters: the first 16 of the CV file's SHA-256.",
  };
}

/**
 * Asks for what the flags and the mapping left open about one file. The CV question offers the
 * CV the file's first record names, when it is still in process_cv/cv-data/. A path that does
 * not exist leads to a question for the cv_key instead. An empty answer skips the file.
 */
export async function askAnswers(
  prompter: Prompter,
  path: string,
  fileName: string,
  known: PartialAnswers,
  cwd: string,
): Promise<AskedAnswers> {
  const file = await readLegacyMatchFile(path);
  const searchTerm = known.searchTerm ?? (await prompter.ask(searchTermQuestion(fileName, file.totalRecords))).trim();
  if (searchTerm === '') return { kind: 'skipped' };
  if (known.cv || known.cvKey) return { kind: 'answers', searchTerm, cv: known.cv, cvKey: known.cvKey };

  const answer = (await prompter.ask(cvQuestion(fileName, legacyCvPath(cwd, file.records[0]?.cvPath)))).trim();
  if (answer === '') return { kind: 'skipped' };
  const cvPath = resolve(cwd, answer);
  if (existsSync(cvPath)) return { kind: 'answers', searchTerm, cv: cvPath };
  if (isCvKey(answer.toLowerCase())) return { kind: 'answers', searchTerm, cvKey: answer.toLowerCase() };
  const cvKey = (await prompter.ask(cvKeyQuestion(fileName, cvPath))).trim().toLowerCase();
  return cvKey === '' ? { kind: 'skipped' } : { kind: 'answers', searchTerm, cvKey };
}
