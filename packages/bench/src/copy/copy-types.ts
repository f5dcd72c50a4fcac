export interface CopyBenchOptions {
  /** job_matches rows seeded into the SQLite source (default 1 000 000). */
  rows?: number;
  /** PostgreSQL server; the target databases are created and dropped on it. */
  postgresUrl: string;
  /** Rows per store.insertMatches call while seeding. */
  chunkRows?: number;
}

export interface CopyBenchResult {
  config: { rows: number; totalRows: number; tables: number; sourceBytes: number };
  /** Untimed setup: the realistic data set through store.insertMatches, reported for scale. */
  seeding: { ms: number; recordsPerSecond: number };
  /** copyDatabase SQLite → PostgreSQL: schema through the migrator, every table, sequences. */
  copy: { ms: number; rowsPerSecond: number };
  /** The parity check that copyDatabase ran after the copy: both sides read and hashed. */
  parity: { ms: number; ok: boolean };
  /** The floor: job_matches read from SQLite and sent with one plain COPY, nothing around it. */
  rawCopy: { ms: number; rowsPerSecond: number };
  copyToRaw: number;
  targets: {
    copy: { minRowsPerSecond: number; pass: boolean };
    parity: { maxMs: number; pass: boolean };
  };
}
