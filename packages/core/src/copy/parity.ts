import { createHash } from 'node:crypto';
import { checksumRow } from './canonical-row.js';
import type { TableReader } from './table-readers.js';
import type { CopyTable } from './table-schema.js';

/** What one side holds in one table: its row count and two hashes over the rows in key order. */
export interface TableDigest {
  rows: number;
  /** sha256 of the primary keys, in key order. */
  keys: string;
  /** sha256 of every row's canonical text, in key order: the table's checksum. */
  checksum: string;
}

export interface TableParity {
  table: string;
  sourceRows: number;
  targetRows: number;
  keysMatch: boolean;
  sourceChecksum: string;
  targetChecksum: string;
  match: boolean;
  /** On a mismatch, up to DIFF_LIMIT keys of each kind (a key is its column values joined by `|`). */
  missingInTarget: string[];
  extraInTarget: string[];
  differing: string[];
}

export interface ParityResult {
  ok: boolean;
  tables: TableParity[];
  durationMs: number;
}

const DIFF_LIMIT = 10;
const PARITY_BATCH = 5_000;

export async function digestTable(
  reader: TableReader,
  table: CopyTable,
  onRows: (rows: number) => void,
): Promise<TableDigest> {
  if (reader.digest) return reader.digest(table, onRows);
  const keyIndexes = table.key.map((column) => table.columns.indexOf(column));
  const keyKinds = keyIndexes.map((index) => table.kinds[index]!);
  const keys = createHash('sha256');
  const rows = createHash('sha256');
  let count = 0;
  for await (const batch of reader.batches(table, PARITY_BATCH)) {
    let keyText = '';
    let rowText = '';
    for (const row of batch) {
      keyText += `${checksumRow(
        keyIndexes.map((index) => row[index]),
        keyKinds,
      )}\n`;
      rowText += `${checksumRow(row, table.kinds)}\n`;
    }
    keys.update(keyText);
    rows.update(rowText);
    count += batch.length;
    onRows(batch.length);
  }
  return { rows: count, keys: keys.digest('hex'), checksum: rows.digest('hex') };
}

/**
 * Row counts, key sets and checksums of every table on both sides. Where they differ, a second
 * pass over that table lists which keys are missing, extra or hold different values.
 */
export async function checkParity(
  source: TableReader,
  target: TableReader,
  tables: CopyTable[],
  onRows: (rows: number) => void = () => undefined,
): Promise<ParityResult> {
  const started = performance.now();
  const results: TableParity[] = [];
  for (const table of tables) {
    // Both sides at once: one side's database works on a page while the other side's rows are hashed.
    const [a, b] = await Promise.all([digestTable(source, table, onRows), digestTable(target, table, onRows)]);
    const parity: TableParity = {
      table: table.name,
      sourceRows: a.rows,
      targetRows: b.rows,
      keysMatch: a.keys === b.keys,
      sourceChecksum: a.checksum,
      targetChecksum: b.checksum,
      match: a.rows === b.rows && a.keys === b.keys && a.checksum === b.checksum,
      missingInTarget: [],
      extraInTarget: [],
      differing: [],
    };
    if (!parity.match) Object.assign(parity, await differences(source, target, table));
    results.push(parity);
  }
  return {
    ok: results.every((table) => table.match),
    tables: results,
    durationMs: Math.round(performance.now() - started),
  };
}

async function rowHashes(reader: TableReader, table: CopyTable): Promise<Map<string, string>> {
  const keyIndexes = table.key.map((column) => table.columns.indexOf(column));
  const byKey = new Map<string, string>();
  for await (const batch of reader.batches(table, PARITY_BATCH)) {
    for (const row of batch) {
      const key = keyIndexes.map((index) => String(row[index])).join('|');
      byKey.set(key, createHash('sha1').update(checksumRow(row, table.kinds)).digest('base64'));
    }
  }
  return byKey;
}

async function differences(
  source: TableReader,
  target: TableReader,
  table: CopyTable,
): Promise<Pick<TableParity, 'missingInTarget' | 'extraInTarget' | 'differing'>> {
  const [a, b] = await Promise.all([rowHashes(source, table), rowHashes(target, table)]);
  const missingInTarget: string[] = [];
  const differing: string[] = [];
  for (const [key, hash] of a) {
    const other = b.get(key);
    if (other === undefined) {
      if (missingInTarget.length < DIFF_LIMIT) missingInTarget.push(key);
    } else if (other !== hash && differing.length < DIFF_LIMIT) differing.push(key);
  }
  const extraInTarget: string[] = [];
  for (const key of b.keys()) {
    if (!a.has(key) && extraInTarget.length < DIFF_LIMIT) extraInTarget.push(key);
  }
  return { missingInTarget, extraInTarget, differing };
}
