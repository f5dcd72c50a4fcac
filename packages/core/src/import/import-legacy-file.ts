import { basename } from 'node:path';
import { errorMessage, isJobSearchError } from '../errors.js';
import { isJsonObject, LEGACY_KEYS, readLegacyText } from '../legacy/legacy-fields.js';
import { parseLegacyMatchJson } from '../legacy/read-legacy-json.js';
import { readLegacyFileText } from '../legacy/read-legacy-file-text.js';
import { matchKey } from '../store/match-columns.js';
import type { Store } from '../store/store.js';
import type { BulkInsertResult, LegacyImportRecord } from '../store/types.js';
import { nowIso } from '../time.js';
import { timestampFromLegacyFileName } from './file-name-timestamp.js';
import type { ImportFileResult, ImportLegacyFileOptions, RejectedRecordReport } from './import-types.js';
import { legacyRecordToMatch } from './legacy-record-to-match.js';
import { previousImport } from './previous-import.js';
import { rolledBack } from './rolled-back.js';

/** Rejections kept in the legacy_imports row; the report file lists them all. */
const MAX_STORED_REJECTIONS = 100;

/**
 * Imports one legacy match file: its rows, the CV it names and its legacy_imports row commit in
 * ONE transaction, so a crash or a kill leaves the file either fully imported or not at all, and a
 * re-run skips it by its sha256. Called with a store inside a transaction, the file is a savepoint
 * of it: a failure undoes this file only, and the caller's commit makes it durable. Records the reader rejects are counted with their reasons; a file
 * that is not a JSON array throws INVALID_INPUT (after recording a failed import, so status and
 * reports show it) and nothing of it is written.
 */
export async function importLegacyFile(store: Store, options: ImportLegacyFileOptions): Promise<ImportFileResult> {
  const started = performance.now();
  const startedAt = nowIso();
  const { text, sha256 } = options.content ?? (await readLegacyFileText(options.path));
  const base = {
    path: options.path,
    fileName: basename(options.path),
    sha256,
    searchTerm: options.searchTerm,
    cvKey: options.cvKey,
  };

  if (options.skipIfImported ?? true) {
    const previous = await previousImport(store, sha256);
    if (previous) return alreadyImported(base, previous, performance.now() - started);
  }

  let file: ReturnType<typeof parseLegacyMatchJson>;
  try {
    file = parseLegacyMatchJson(text, options.path);
  } catch (error) {
    if (!options.dryRun && isJobSearchError(error, 'INVALID_INPUT')) {
      await store.recordLegacyImport({
        ...base,
        filePath: options.path,
        records: 0,
        migrated: 0,
        duplicates: 0,
        updated: 0,
        rejected: 0,
        status: 'failed',
        details: { error: errorMessage(error) },
        startedAt,
        finishedAt: nowIso(),
        durationMs: Math.round(performance.now() - started),
      });
    }
    throw error;
  }

  const timestamp = options.matchedAt ?? timestampFromLegacyFileName(options.path) ?? startedAt;
  const context = { searchTerm: options.searchTerm, cvKey: options.cvKey, timestamp };
  const inputs = file.records.map((record) => legacyRecordToMatch(record, context));
  const rejections: RejectedRecordReport[] = file.rejected.map(({ index, reason, raw }) => ({
    index,
    title: isJsonObject(raw) ? readLegacyText(raw, LEGACY_KEYS.jobTitle) : null,
    reason,
  }));
  const onDuplicate = options.onDuplicate ?? 'skip';

  const run = async (tx: Store): Promise<ImportFileResult> => {
    if (options.cv) await tx.upsertCvVersion({ ...options.cv, cvKey: options.cvKey });
    // Undo journal (store/import-journal.ts): what the rows looked like before this import wrote them.
    const journal = await tx.captureImportJournal(inputs, onDuplicate);
    const bulk = await tx.insertMatches(inputs, { onDuplicate, keepKeys: options.runKeys });
    const counts = tally(bulk);
    const result: ImportFileResult = {
      ...base,
      status: options.dryRun ? 'dry-run' : 'imported',
      records: file.totalRecords,
      ...counts,
      duplicatesWithinFile: countRepeats(inputs.map((input) => input.jobUrl)),
      rejected: rejections.length,
      rejections,
      failedEvaluations: file.records.filter((record) => record.failedEvaluation).length,
      matchedAt: timestamp,
      importId: null,
      durationMs: 0,
    };
    result.importId = await tx.recordLegacyImport({
      ...base,
      filePath: options.path,
      records: result.records,
      migrated: result.migrated,
      duplicates: result.duplicates,
      updated: result.updated,
      rejected: result.rejected,
      status: result.rejected > 0 ? 'completed_with_errors' : 'completed',
      details: {
        onDuplicate,
        matchedAt: timestamp,
        duplicatesWithinFile: result.duplicatesWithinFile,
        unchanged: result.unchanged,
        replacedFailed: result.replacedFailed,
        failedEvaluations: result.failedEvaluations,
        rejections: rejections.slice(0, MAX_STORED_REJECTIONS),
        rejectionsOmitted: Math.max(0, rejections.length - MAX_STORED_REJECTIONS),
      },
      startedAt,
      finishedAt: nowIso(),
      durationMs: Math.round(performance.now() - started),
    });
    await tx.writeImportJournal(result.importId, journal, bulk.outcomes);
    return options.dryRun ? { ...result, importId: null } : result;
  };

  // A savepoint when the caller groups several files in one transaction (fewer commits).
  const result = options.dryRun ? await rolledBack(store, run) : await store.savepoint(run);
  if (options.runKeys) for (const input of inputs) options.runKeys.add(matchKey(input));
  return { ...result, durationMs: Math.round(performance.now() - started) };
}

function tally(
  bulk: BulkInsertResult,
): Pick<ImportFileResult, 'migrated' | 'duplicates' | 'updated' | 'unchanged' | 'replacedFailed'> {
  return {
    migrated: bulk.inserted,
    duplicates: bulk.skipped + bulk.unchanged,
    updated: bulk.updated,
    unchanged: bulk.unchanged,
    replacedFailed: bulk.replaced,
  };
}

/** Keys that repeat an earlier record of the same file (search term and cv_key are the file's). */
function countRepeats(urls: readonly string[]): number {
  return urls.length - new Set(urls).size;
}

function alreadyImported(
  base: Pick<ImportFileResult, 'path' | 'fileName' | 'sha256' | 'searchTerm' | 'cvKey'>,
  previous: LegacyImportRecord,
  durationMs: number,
): ImportFileResult {
  return {
    ...base,
    // What the earlier import used, which is what the stored rows carry.
    searchTerm: previous.searchTerm,
    cvKey: previous.cvKey,
    status: 'already-imported',
    records: previous.records,
    migrated: 0,
    duplicates: 0,
    duplicatesWithinFile: 0,
    updated: 0,
    unchanged: 0,
    replacedFailed: 0,
    rejected: 0,
    rejections: [],
    failedEvaluations: 0,
    matchedAt: String(previous.details?.matchedAt ?? previous.finishedAt),
    importId: previous.id,
    durationMs: Math.round(durationMs),
  };
}
