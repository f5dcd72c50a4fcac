export { importLegacyFile } from './import-legacy-file.js';
export type {
  ImportFileResult,
  ImportFileStatus,
  ImportLegacyFileOptions,
  RejectedRecordReport,
} from './import-types.js';
export { completedImports, legacyFileSha256, previousImport } from './previous-import.js';
export { timestampFromLegacyFileName } from './file-name-timestamp.js';
export {
  LEGACY_IMPORT_SOURCE,
  LEGACY_MATCHER,
  legacyRecordToMatch,
  type LegacyRowContext,
} from './legacy-record-to-match.js';
export { DEFAULT_VALIDATION_SAMPLE, validateImports } from './validate-imports.js';
export { checkMatchRow, type StoredMatchRow } from './check-match-row.js';
export type * from './validate-types.js';
export { rolledBack } from './rolled-back.js';
