import { createHash } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { mapDriverError } from '../db/map-driver-error.js';
import type { Provider } from '../db/sql-driver.js';
import { type CopyTable, quoteIdent } from './table-schema.js';

/**
 * Reads whole tables in batches, ordered by primary key the same way on both providers (SQLite's
 * BINARY order and PostgreSQL's "C" collation both compare UTF-8 bytes), so that the source and
 * the target can be hashed row by row in the same order. Values come back as the drivers give
 * them: numbers, strings, null.
 */
export interface TableReader {
  readonly provider: Provider;
  count(table: CopyTable): Promise<number>;
  batches(table: CopyTable, batchRows: number): AsyncGenerator<unknown[][]>;
  /**
   * PostgreSQL only: hashes the table on the server's own COPY TO output, which is the checksum
   * text (checksumRow) byte for byte, so no row is parsed in JavaScript.
   */
  digest?(table: CopyTable, onRows: (rows: number) => void): Promise<{ rows: number; keys: string; checksum: string }>;
}

/** better-sqlite3 streams a statement row by row; batches keep the event loop turning between them. */
export function sqliteReader(db: Database.Database): TableReader {
  return {
    provider: 'sqlite',
    async count(table) {
      const row = db
        .prepare(`SELECT COUNT(*) FROM ${quoteIdent(table.name)}`)
        .raw(true)
        .get() as [number];
      return Number(row[0]);
    },
    async *batches(table, batchRows) {
      const sql = `SELECT ${table.columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(table.name)} ORDER BY ${table.key.map(quoteIdent).join(', ')}`;
      let statement: Database.Statement;
      try {
        statement = db.prepare(sql).raw(true);
      } catch (error) {
        throw mapDriverError(error);
      }
      let batch: unknown[][] = [];
      for (const row of statement.iterate() as IterableIterator<unknown[]>) {
        batch.push(row);
        if (batch.length >= batchRows) {
          yield batch;
          batch = [];
          // A macrotask turn, not just a microtask: the other side's PostgreSQL replies get in.
          await setImmediate();
        }
      }
      if (batch.length > 0) yield batch;
    },
  };
}

/**
 * PostgreSQL pages by key (`WHERE key > last ORDER BY key LIMIT n`) on one client, so every page
 * costs the same at any table size and the client's snapshot (a REPEATABLE READ transaction on a
 * source) covers them all.
 */
export function postgresReader(client: pg.ClientBase): TableReader {
  const run = (text: string, values: unknown[] = []) =>
    client.query({ text, values, rowMode: 'array' }).catch((error: unknown) => Promise.reject(mapDriverError(error)));
  return {
    provider: 'postgresql',
    async digest(table, onRows) {
      const textKeys = await keyIsText(client, table);
      const order = table.key
        .map((column, i) => (textKeys[i] ? `${quoteIdent(column)} COLLATE "C"` : quoteIdent(column)))
        .join(', ');
      const expression = (column: string) => {
        const kind = table.kinds[table.columns.indexOf(column)];
        if (kind === 'float') return `encode(float8send(${quoteIdent(column)}::float8), 'hex')`;
        if (kind === 'boolean') return `(${quoteIdent(column)})::int`;
        return quoteIdent(column);
      };
      const from = `FROM ${quoteIdent(table.name)} ORDER BY ${order}`;
      const rows = await hashCopy(
        client,
        `COPY (SELECT ${table.columns.map(expression).join(', ')} ${from}) TO STDOUT`,
        onRows,
      );
      const keys = await hashCopy(
        client,
        `COPY (SELECT ${table.key.map(expression).join(', ')} ${from}) TO STDOUT`,
        () => undefined,
      );
      return { rows: rows.lines, keys: keys.hash, checksum: rows.hash };
    },
    async count(table) {
      const result = await run(`SELECT COUNT(*) FROM ${quoteIdent(table.name)}`);
      return Number((result.rows[0] as unknown[])[0]);
    },
    async *batches(table, batchRows) {
      const keyIndexes = table.key.map((column) => table.columns.indexOf(column));
      const keyExprs = table.key.map((column) => `${quoteIdent(column)} COLLATE "C"`);
      // COLLATE applies to text only; integer keys are ordered as they are.
      const textKeys = await keyIsText(client, table);
      const exprs = table.key.map((column, i) => (textKeys[i] ? keyExprs[i]! : quoteIdent(column)));
      const select = `SELECT ${table.columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(table.name)}`;
      const order = `ORDER BY ${exprs.join(', ')} LIMIT ${batchRows}`;
      const after = `WHERE (${exprs.join(', ')}) > (${table.key.map((_, i) => `$${i + 1}`).join(', ')})`;
      let last: unknown[] | null = null;
      for (;;) {
        const result = await run(last ? `${select} ${after} ${order}` : `${select} ${order}`, last ?? []);
        const rows = result.rows as unknown[][];
        if (rows.length === 0) return;
        yield rows;
        if (rows.length < batchRows) return;
        const tail = rows[rows.length - 1]!;
        last = keyIndexes.map((index) => tail[index]);
      }
    },
  };
}

async function keyIsText(client: pg.ClientBase, table: CopyTable): Promise<boolean[]> {
  const result = await client.query<{ name: string; type: string }>(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    [table.name],
  );
  const types = new Map(result.rows.map((row) => [row.name, row.type]));
  return table.key.map((column) => /char|text/i.test(types.get(column) ?? ''));
}

async function hashCopy(
  client: pg.ClientBase,
  sql: string,
  onRows: (rows: number) => void,
): Promise<{ hash: string; lines: number }> {
  const hash = createHash('sha256');
  let lines = 0;
  try {
    for await (const chunk of client.query(copyTo(sql)) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      // COPY's text format escapes newlines inside values: every newline ends a row.
      let count = 0;
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) count++;
      lines += count;
      onRows(count);
    }
  } catch (error) {
    throw mapDriverError(error);
  }
  return { hash: hash.digest('hex'), lines };
}
