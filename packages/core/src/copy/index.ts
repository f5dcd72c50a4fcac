// `@jobsearchai/core/copy`: a whole installation from one database to another, either provider.
export type { TargetState } from './copy-endpoints.js';
export {
  type CopyOptions,
  type CopyProgress,
  type CopyResult,
  type CopyTableResult,
  copyDatabase,
} from './copy-database.js';
export type { ParityResult, TableParity } from './parity.js';
export type { SequenceSet } from './table-writers.js';
export { canonicalRow, canonicalValue, checksumRow } from './canonical-row.js';
