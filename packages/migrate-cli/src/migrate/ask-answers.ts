import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { isCvKey } from '@jobsearchai/core';
import { readLegacyMatchFile } from '@jobsearchai/core/legacy-import';
import type { AskConfig, ChooseConfig, Prompter } from '../prompts.js';
import { legacyCvPath } from './cv-choice.js';
import type { PartialAnswers } from './mapping-file.js';

export type AskedAnswers = { kind: 'answers'; searchTerm: string; cv?: string; cvKey?: string } | { kind: 'skipped' };

/** The answers given for the previous file at the prompts: offered again for the next one. */
export type PreviousAnswers = Extract<AskedAnswers, { kind: 'answers' }>;

export const SAME_AS_PREVIOUS = 'same';
export const OTHER_ANSWERS = 'other';
export const SKIP_FILE = 'skip';

/** "Same as the previous file" is the default: folders usually hold one search term's files for one CV. */
export function sameAsPreviousQuestion(fileName: string, records: number, reused: string): ChooseConfig {
  return {
    message: `${fileName} (${records} records): search term and CV`,
    choices: [
      { value: SAME_AS_PREVIOUS, name: `Same as the previous file (${reused})` },
      { value: OTHER_ANSWERS, name: 'Other answers' },
      { value: SKIP_FILE, name: 'Skip this file' },
    ],
    default: SAME_AS_PREVIOUS,
  };
}

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
 * not exist leads to a question for the cv_key instead. An empty answer skips the file. After a
 * file answered here, the first question offers the same answers again (the default), other
 * answers, or skipping the file.
 */
export async function askAnswers(
  prompter: Prompter,
  path: string,
  fileName: string,
  known: PartialAnswers,
  cwd: string,
  previous: PreviousAnswers | null = null,
): Promise<AskedAnswers> {
  const file = await readLegacyMatchFile(path);
  if (previous) {
    // Only what the flags and the mapping leave open is taken from the previous file.
    const cvKnown = Boolean(known.cv || known.cvKey);
    const reused = [
      known.searchTerm ? null : `search term ${previous.searchTerm}`,
      cvKnown ? null : previous.cv ? `CV ${basename(previous.cv)}` : `cv_key ${previous.cvKey}`,
    ].filter(Boolean);
    const choice = await prompter.choose(sameAsPreviousQuestion(fileName, file.totalRecords, reused.join(', ')));
    if (choice === SKIP_FILE) return { kind: 'skipped' };
    if (choice === SAME_AS_PREVIOUS)
      return {
        kind: 'answers',
        searchTerm: known.searchTerm ?? previous.searchTerm,
        ...(cvKnown ? { cv: known.cv, cvKey: known.cvKey } : { cv: previous.cv, cvKey: previous.cvKey }),
      };
  }
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
