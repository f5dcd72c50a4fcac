import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../errors.js';
import { readLegacyMatchFile } from '../legacy/read-legacy-json.js';
import { isCompletedImport } from '../store/legacy-imports.js';
import { storeDriver, type Store } from '../store/store.js';
import { findStoredRows, forEachStoredRow, listUrlsFromSource } from '../store/stored-match-rows.js';
import type { LegacyImportRecord, MatchInput } from '../store/types.js';
import { checkMatchRow } from './check-match-row.js';
import { compareMatchRow } from './compare-match-row.js';
import { legacyRecordToMatch, LEGACY_IMPORT_SOURCE } from './legacy-record-to-match.js';
import { sampleIndices, seededRandom } from './seeded-sample.js';
import type {
  ExtraRows,
  FileValidation,
  RowCheckReport,
  SampleMismatch,
  SampleReport,
  ValidateImportsOptions,
  ValidationReport,
} from './validate-types.js';

interface LoadedFile {
  validation: FileValidation;
  /** The rows the import must have written; null when the file could not be checked. */
  inputs: MatchInput[] | null;
}

import { DEFAULT_VALIDATION_SAMPLE } from '../defaults.js';

export { DEFAULT_VALIDATION_SAMPLE };
const DEFAULT_MAX_LISTED = 50;

/**
 * Checks the database against the legacy files it was imported from (the legacy_imports table
 * says which): every accepted record has its row, no imported row lacks a record, a random
 * sample matches field by field, and every row of job_matches is well-formed. Read-only.
 */
export async function validateImports(store: Store, options: ValidateImportsOptions = {}): Promise<ValidationReport> {
  const started = performance.now();
  const maxListed = options.maxListed ?? DEFAULT_MAX_LISTED;
  const files: LoadedFile[] = [];
  for (const record of latestImports(await store.listLegacyImports())) files.push(await loadFile(record, options.dir));

  for (const file of files) if (file.inputs) await checkKeys(store, file, maxListed);
  const extraRows = await findExtraRows(store, files, maxListed);
  const sample = await compareSample(
    store,
    files,
    options.sample ?? DEFAULT_VALIDATION_SAMPLE,
    options.seed ?? randomSeed(),
  );
  const rows = await checkAllRows(store, maxListed);

  const fileFindings = files.reduce(
    (sum, { validation }) => sum + validation.problems.length + validation.missingKeys.count,
    0,
  );
  const discrepancies =
    fileFindings + extraRows.reduce((sum, extra) => sum + extra.count, 0) + sample.mismatches.length + rows.invalid;
  return {
    ok: discrepancies === 0,
    discrepancies,
    files: files.map((file) => file.validation),
    extraRows,
    sample,
    rows,
    durationMs: Math.round(performance.now() - started),
  };
}

/** One entry per file content and key context: a forced re-import of the same file adds a row, not a file. */
function latestImports(imports: LegacyImportRecord[]): LegacyImportRecord[] {
  const latest = new Map<string, LegacyImportRecord>();
  for (const record of imports) {
    if (isCompletedImport(record))
      latest.set(`${record.sha256}\u0000${record.searchTerm}\u0000${record.cvKey}`, record);
  }
  return [...latest.values()];
}

async function loadFile(record: LegacyImportRecord, dir: string | undefined): Promise<LoadedFile> {
  const validation: FileValidation = {
    importId: record.id,
    fileName: record.fileName,
    path: null,
    sha256: record.sha256,
    searchTerm: record.searchTerm,
    cvKey: record.cvKey,
    status: 'ok',
    recordsInFile: null,
    recordedRecords: record.records,
    rejectedRecords: null,
    uniqueKeys: null,
    rowsFound: null,
    missingKeys: { count: 0, keys: [] },
    problems: [],
  };
  const candidates = [record.filePath, ...(dir ? [join(dir, record.fileName)] : [])];
  const path = candidates.find((candidate) => existsSync(candidate));
  if (!path) {
    validation.status = 'file-missing';
    validation.problems.push(
      `${record.fileName} is not at ${candidates.join(' or ')}; pass --dir with the folder that holds the imported files`,
    );
    return { validation, inputs: null };
  }
  validation.path = path;
  let content: Awaited<ReturnType<typeof readLegacyMatchFile>>;
  try {
    content = await readLegacyMatchFile(path);
  } catch (error) {
    validation.status = 'unreadable';
    validation.problems.push(errorMessage(error));
    return { validation, inputs: null };
  }
  const sha256 = content.sha256 ?? '';
  if (sha256 !== record.sha256) {
    validation.status = 'file-changed';
    validation.problems.push(
      `${path} changed since it was imported (sha256 ${sha256.slice(0, 12)}…, imported ${record.sha256.slice(0, 12)}…)`,
    );
    return { validation, inputs: null };
  }
  validation.recordsInFile = content.totalRecords;
  validation.rejectedRecords = content.rejected.length;
  if (content.totalRecords !== record.records) {
    validation.problems.push(`the file has ${content.totalRecords} records, the import recorded ${record.records}`);
  }
  const context = { searchTerm: record.searchTerm, cvKey: record.cvKey, timestamp: '' };
  return { validation, inputs: content.records.map((legacy) => legacyRecordToMatch(legacy, context)) };
}

async function checkKeys(store: Store, file: LoadedFile, maxListed: number): Promise<void> {
  const { validation } = file;
  const urls = [...new Set(file.inputs!.map((input) => input.jobUrl))];
  const found = await findStoredRows(storeDriver(store), validation.searchTerm, validation.cvKey, urls, 'key');
  const missing = urls.filter((url) => !found.has(url));
  validation.uniqueKeys = urls.length;
  validation.rowsFound = found.size;
  validation.missingKeys = { count: missing.length, keys: missing.slice(0, maxListed) };
  if (missing.length > 0 || validation.problems.length > 0) validation.status = 'discrepancies';
}

/** Rows an import wrote (source legacy-json) under a search term and CV whose files do not hold them. */
async function findExtraRows(store: Store, files: LoadedFile[], maxListed: number): Promise<ExtraRows[]> {
  const groups = new Map<string, { searchTerm: string; cvKey: string; urls: Set<string> }>();
  for (const { validation, inputs } of files) {
    const key = `${validation.searchTerm}\u0000${validation.cvKey}`;
    const group = groups.get(key) ?? {
      searchTerm: validation.searchTerm,
      cvKey: validation.cvKey,
      urls: new Set<string>(),
    };
    groups.set(key, group);
    // A file that could not be read may hold any key: its group cannot have extra rows we can name.
    if (!inputs) group.urls = new Set(['*']);
    else if (!group.urls.has('*')) for (const input of inputs) group.urls.add(input.jobUrl);
  }
  const extra: ExtraRows[] = [];
  for (const group of groups.values()) {
    if (group.urls.has('*')) continue;
    const urls = (
      await listUrlsFromSource(storeDriver(store), group.searchTerm, group.cvKey, LEGACY_IMPORT_SOURCE)
    ).filter((url) => !group.urls.has(url));
    if (urls.length > 0)
      extra.push({
        searchTerm: group.searchTerm,
        cvKey: group.cvKey,
        count: urls.length,
        keys: urls.slice(0, maxListed),
      });
  }
  return extra;
}

async function compareSample(
  store: Store,
  files: LoadedFile[],
  requested: number,
  seed: number,
): Promise<SampleReport> {
  const pool: { file: LoadedFile; input: MatchInput }[] = [];
  // Every record of the same key, across files: with duplicates skipped or updated, the row holds one of them.
  const byKey = new Map<string, MatchInput[]>();
  for (const file of files) {
    for (const input of file.inputs ?? []) {
      pool.push({ file, input });
      addTo(byKey, keyOf(input), input);
    }
  }
  const picked = sampleIndices(pool.length, requested, seededRandom(seed)).map((i) => pool[i]!);
  const report: SampleReport = { requested, seed, compared: 0, notCompared: 0, mismatches: [] };
  const byContext = new Map<string, typeof picked>();
  for (const entry of picked) addTo(byContext, `${entry.input.searchTerm}\u0000${entry.input.cvKey}`, entry);
  for (const entries of byContext.values()) {
    const { searchTerm, cvKey } = entries[0]!.input;
    const rows = await findStoredRows(
      storeDriver(store),
      searchTerm,
      cvKey,
      [...new Set(entries.map(({ input }) => input.jobUrl))],
      'all',
    );
    for (const { file, input } of entries) {
      const row = rows.get(input.jobUrl);
      // Missing rows are already counted; a row that existed before the import was left as it was.
      if (!row || row.source !== LEGACY_IMPORT_SOURCE) {
        report.notCompared++;
        continue;
      }
      report.compared++;
      const candidates = byKey.get(keyOf(input)) ?? [input];
      if (candidates.some((candidate) => compareMatchRow(candidate, row).length === 0)) continue;
      const mismatch: SampleMismatch = {
        id: Number(row.id),
        jobUrl: input.jobUrl,
        searchTerm,
        cvKey,
        fileName: file.validation.fileName,
        differences: compareMatchRow(input, row),
      };
      report.mismatches.push(mismatch);
    }
  }
  return report;
}

async function checkAllRows(store: Store, maxListed: number): Promise<RowCheckReport> {
  const report: RowCheckReport = { checked: 0, invalid: 0, problems: [] };
  await forEachStoredRow(storeDriver(store), (row) => {
    report.checked++;
    const problems = checkMatchRow(row);
    if (problems.length === 0) return;
    report.invalid++;
    if (report.problems.length < maxListed)
      report.problems.push({ id: Number(row.id), jobUrl: String(row.job_url), problems });
  });
  return report;
}

function addTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function keyOf(input: MatchInput): string {
  return `${input.jobUrl}\u0000${input.searchTerm}\u0000${input.cvKey}`;
}

function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
