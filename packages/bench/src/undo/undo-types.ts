import type { Provider } from '@jobsearchai/core';

export interface UndoBenchOptions {
  /** Legacy records in the imported file (default 10 000). */
  rows?: number;
  /** Timed rounds per measure; the median is reported (default 3). */
  repeats?: number;
  /** Also measure PostgreSQL (a scratch database is created and dropped on this server). */
  postgresUrl?: string;
  seed?: number;
}

export interface TimedFigures {
  /** Rows the measured operation removed or restored. */
  rows: number;
  /** Every round, in order. */
  ms: number[];
  medianMs: number;
}

export interface ProviderUndoFigures {
  provider: Provider;
  /** importLegacyFile of the generated file (untimed setup, reported for scale). */
  importMs: number;
  /** store.undoLegacyImport of a plain import: its created rows deleted, in one transaction. */
  undoCreated: TimedFigures;
  /** store.undoLegacyImport of a forced re-import of the same keys with other values: every row restored. */
  undoUpdated: TimedFigures;
  /** The raw floor: the undo's own DELETE statements over the same ids in one transaction, no journal, no checks. */
  rawDelete: TimedFigures;
  /** undoCreated median ÷ rawDelete median. */
  undoToRaw: number;
}

export interface UndoBenchResult {
  config: { rows: number; repeats: number; records: number; createdRows: number };
  providers: ProviderUndoFigures[];
  /** Target: undo of a 10,000-row import ≤ 2 s, on every measured provider (created and updated). */
  target: { maxMs: number; pass: boolean };
}
