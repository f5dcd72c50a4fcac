import { basename } from 'node:path';
import { errorMessage, isJobSearchError, JobSearchError, type LegacyImportRecord } from '@jobsearchai/core';
import { completedImports, legacyFileSha256 } from '@jobsearchai/core/legacy-import';
import type { Store } from '@jobsearchai/core/store';
import type { Prompter } from '../prompts.js';
import { askAnswers, type PreviousAnswers } from './ask-answers.js';
import { CvFiles, type CvChoice } from './cv-choice.js';
import { findMappingEntry, type MappingEntry, type PartialAnswers } from './mapping-file.js';

export type PlannedFile =
  | { kind: 'import'; path: string; fileName: string; searchTerm: string; choice: CvChoice }
  | { kind: 'already-imported'; path: string; fileName: string; previous: LegacyImportRecord }
  | { kind: 'skipped' | 'failed'; path: string; fileName: string; note: string };

export interface PlanInput {
  store: Store;
  files: readonly string[];
  /** --search-term, --cv, --cv-key: the answer for every file the mapping does not cover. */
  flags: PartialAnswers;
  mapping: readonly MappingEntry[];
  /** Set on a terminal: asks for what flags and mapping leave open. */
  prompter: Prompter | null;
  /** Import files again although their content was imported before. */
  reimport: boolean;
  cwd: string;
}

/**
 * Decides, before anything is written, what happens to every file: it needs a search term and a
 * CV (file or key) from the mapping, the flags or a prompt. Without a terminal, every file lacking
 * an answer is named in one INVALID_INPUT error. Files imported before (same sha256, looked up for
 * the whole folder in one query) need no answers, and neither does a second copy of a file.
 */
export async function planFiles(input: PlanInput): Promise<PlannedFile[]> {
  const cvFiles = new CvFiles();
  const imported = await completedImports(input.store);
  const firstWithContent = new Map<string, string>();
  const planned: PlannedFile[] = [];
  const unanswered: string[] = [];
  const hashes = await hashFiles(input.files);
  // What the last file answered at the prompts: offered again for the next one.
  let lastAnswers: PreviousAnswers | null = null;
  for (const [index, path] of input.files.entries()) {
    const fileName = basename(path);
    const sha256 = hashes[index]!;
    const previous = imported.get(sha256);
    if (previous && !input.reimport) {
      planned.push({ kind: 'already-imported', path, fileName, previous });
      continue;
    }
    // A copy under another name holds nothing new; importing both would count every record twice.
    const original = firstWithContent.get(sha256);
    if (original) {
      planned.push({ kind: 'skipped', path, fileName, note: `same content as ${original}` });
      continue;
    }
    firstWithContent.set(sha256, fileName);
    const known = knownAnswers(input, fileName);
    if (known.searchTerm && (known.cv || known.cvKey)) {
      planned.push({
        kind: 'import',
        path,
        fileName,
        searchTerm: known.searchTerm,
        choice: await choose(cvFiles, known),
      });
      continue;
    }
    if (!input.prompter) {
      unanswered.push(
        `${fileName} (${[known.searchTerm ? null : 'search term', known.cv || known.cvKey ? null : 'CV'].filter(Boolean).join(' and ')})`,
      );
      continue;
    }
    let asked: Awaited<ReturnType<typeof askAnswers>>;
    try {
      asked = await askAnswers(input.prompter, path, fileName, known, input.cwd, lastAnswers);
    } catch (error) {
      if (isJobSearchError(error, 'CANCELLED')) throw error;
      planned.push({ kind: 'failed', path, fileName, note: errorMessage(error) });
      continue;
    }
    if (asked.kind === 'skipped') planned.push({ kind: 'skipped', path, fileName, note: 'skipped at the prompt' });
    else {
      lastAnswers = asked;
      planned.push({
        kind: 'import',
        path,
        fileName,
        searchTerm: asked.searchTerm,
        choice: await choose(cvFiles, asked),
      });
    }
  }
  if (unanswered.length > 0) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `No terminal to ask, and no answer for ${unanswered.length} file(s): ${unanswered.join(', ')}. Give --search-term and --cv (or --cv-key) for all files, or a --mapping file (file name or glob → searchTerm, cv or cvKey). Nothing was written.`,
      { details: { unanswered } },
    );
  }
  return planned;
}

/** A mapping entry's answers win; what it leaves open comes from the flags (a CV file and a key are one answer). */
function knownAnswers(input: PlanInput, fileName: string): PartialAnswers {
  const entry = findMappingEntry(input.mapping, fileName);
  const cvFromEntry = entry?.cv !== undefined || entry?.cvKey !== undefined;
  return {
    searchTerm: entry?.searchTerm ?? input.flags.searchTerm,
    cv: cvFromEntry ? entry?.cv : input.flags.cv,
    cvKey: cvFromEntry ? entry?.cvKey : input.flags.cvKey,
  };
}

async function choose(cvFiles: CvFiles, answers: PartialAnswers): Promise<CvChoice> {
  return answers.cv ? cvFiles.fromFile(answers.cv) : { cvKey: answers.cvKey! };
}

/** Files hashed at once, a few at a time: one after another, a large folder spent most of its planning waiting on reads. */
const HASH_CONCURRENCY = 8;

async function hashFiles(paths: readonly string[]): Promise<string[]> {
  const hashes: string[] = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < paths.length; i = next++) hashes[i] = await legacyFileSha256(paths[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(HASH_CONCURRENCY, paths.length) }, worker));
  return hashes;
}
