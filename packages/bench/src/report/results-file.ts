import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults } from './results-types.js';

const NAME = /^results_(\d{8})(-quick)?\.json$/;

/** `results_YYYYMMDD.json` (UTC date); quick runs get `-quick` so they never replace a full run's file. */
export function resultsFileName(date: Date, mode: 'quick' | 'full'): string {
  const stamp = date.toISOString().slice(0, 10).replace(/-/g, '');
  return `results_${stamp}${mode === 'quick' ? '-quick' : ''}.json`;
}

/** The newest results file of the same mode in `dir`, other than `exclude`. */
export function previousResultsFile(dir: string, mode: 'quick' | 'full', exclude: string): string | null {
  if (!existsSync(dir)) return null;
  const candidates = readdirSync(dir)
    .filter((name) => {
      const match = NAME.exec(name);
      return match !== null && name !== exclude && (match[2] === '-quick') === (mode === 'quick');
    })
    .sort();
  const newest = candidates.at(-1);
  return newest ? join(dir, newest) : null;
}

export function readResults(path: string): BenchResults {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as BenchResults;
  if (parsed.kind !== 'jobsearch-bench-results') throw new Error(`${path} is not a jobsearch-bench results file.`);
  return parsed;
}

export function writeResults(
  dir: string,
  fileName: string,
  results: BenchResults,
  markdown: string,
): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, fileName);
  const md = json.replace(/\.json$/, '.md');
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(md, markdown);
  return { json, markdown: md };
}
