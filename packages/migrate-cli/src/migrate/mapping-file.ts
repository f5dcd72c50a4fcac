import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { errorMessage, JobSearchError, parseCvKey } from '@jobsearchai/core';
import { parse as parseYaml } from 'yaml';
import { globToRegExp, isGlob } from './file-glob.js';

/** What a mapping entry or the flags say about a file; anything may be missing. */
export interface PartialAnswers {
  searchTerm?: string;
  /** Absolute path of the CV file. */
  cv?: string;
  cvKey?: string;
}

export interface MappingEntry extends PartialAnswers {
  pattern: string;
  matches(fileName: string): boolean;
}

const KEYS: Record<string, keyof PartialAnswers> = {
  searchTerm: 'searchTerm',
  search_term: 'searchTerm',
  cv: 'cv',
  cvPath: 'cv',
  cv_path: 'cv',
  cvKey: 'cvKey',
  cv_key: 'cvKey',
};

/**
 * Reads a mapping file (JSON or YAML, chosen by content): file name or glob →
 * `{ searchTerm, cv | cvKey }`. CV paths are relative to the mapping file's folder, like paths in
 * any configuration file. Every problem is reported at once, before anything is written.
 */
export async function loadMapping(path: string): Promise<MappingEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new JobSearchError('INVALID_INPUT', `Cannot read the mapping file ${path}: ${errorMessage(cause)}.`, {
      cause,
    });
  }
  let data: unknown;
  try {
    data = parseYaml(text); // YAML 1.2 is a superset of JSON
  } catch (cause) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `The mapping file ${path} is neither JSON nor YAML: ${errorMessage(cause)}.`,
      { cause },
    );
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `The mapping file ${path} must map file names or globs to { searchTerm, cv | cvKey }, e.g. {"job_matches_2025*.json": {"searchTerm": "IT", "cv": "cv/lebenslauf.pdf"}}.`,
    );
  }
  const problems: string[] = [];
  const entries: MappingEntry[] = [];
  for (const [pattern, value] of Object.entries(data)) {
    const entry = readEntry(pattern, value, dirname(path), problems);
    if (entry) entries.push(entry);
  }
  if (problems.length > 0)
    throw new JobSearchError('INVALID_INPUT', `The mapping file ${path} has problems: ${problems.join('; ')}.`, {
      details: { problems },
    });
  return entries;
}

function readEntry(pattern: string, value: unknown, base: string, problems: string[]): MappingEntry | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`"${pattern}" must map to an object with searchTerm and cv or cvKey`);
    return null;
  }
  const answers: PartialAnswers = {};
  for (const [key, raw] of Object.entries(value)) {
    const field = KEYS[key];
    if (!field) {
      problems.push(`"${pattern}": unknown key "${key}" (use searchTerm, cv or cvKey)`);
      continue;
    }
    if (typeof raw !== 'string' || raw.trim() === '') {
      problems.push(`"${pattern}": ${key} must be non-empty text`);
      continue;
    }
    if (field === 'cvKey') {
      try {
        answers.cvKey = parseCvKey(raw);
      } catch (error) {
        problems.push(`"${pattern}": ${errorMessage(error)}`);
      }
    } else answers[field] = field === 'cv' ? resolve(base, raw.trim()) : raw.trim();
  }
  if (answers.cv && answers.cvKey) problems.push(`"${pattern}": give cv or cvKey, not both`);
  const regexp = isGlob(pattern) ? globToRegExp(pattern) : null;
  return { ...answers, pattern, matches: (fileName) => (regexp ? regexp.test(fileName) : fileName === pattern) };
}

/** The entry for a file: its exact name first, then the first glob that matches, in file order. */
export function findMappingEntry(entries: readonly MappingEntry[], fileName: string): MappingEntry | undefined {
  return entries.find((entry) => entry.pattern === fileName) ?? entries.find((entry) => entry.matches(fileName));
}
