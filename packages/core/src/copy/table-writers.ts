import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { JobSearchError } from '../errors.js';
import { mapDriverError } from '../db/map-driver-error.js';
import { canonicalRow } from './canonical-row.js';
import { type CopyTable, quoteIdent } from './table-schema.js';

/** A sequence the copy moved on: the next id the target hands out is `value + 1`. */
export interface SequenceSet {
  table: string;
  column: string;
  value: number;
}

/**
 * Writes whole tables into a target inside one transaction: the target ends up with every row or
 * (on any error) with none, its schema left as the migrator made it.
 */
export interface TableWriter {
  begin(): Promise<void>;
  /** --force: removes every row of these tables (children first) and restarts their ids. */
  empty(tables: CopyTable[]): Promise<void>;
  write(table: CopyTable, batches: AsyncIterable<unknown[][]>, onRows: (rows: number) => void): Promise<number>;
  /** PostgreSQL: identity sequences to max(id); SQLite keeps sqlite_sequence itself. */
  setSequences(tables: CopyTable[]): Promise<SequenceSet[]>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** COPY … FROM STDIN in text format; the canonical row text is already COPY's escaping. */
export function postgresWriter(client: pg.ClientBase): TableWriter {
  const run = (text: string, values: unknown[] = []) =>
    client.query(text, values).catch((error: unknown) => Promise.reject(mapDriverError(error)));
  return {
    begin: async () => void (await run('BEGIN')),
    async empty(tables) {
      if (tables.length === 0) return;
      await run(`TRUNCATE ${tables.map((table) => quoteIdent(table.name)).join(', ')} RESTART IDENTITY CASCADE`);
    },
    async write(table, batches, onRows) {
      let written = 0;
      async function* lines(): AsyncGenerator<string> {
        for await (const batch of batches) {
          let text = '';
          for (const row of batch) text += `${canonicalRow(row)}\n`;
          written += batch.length;
          onRows(batch.length);
          yield text;
        }
      }
      const copy = client.query(
        copyFrom(`COPY ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(', ')}) FROM STDIN`),
      );
      try {
        await pipeline(Readable.from(lines()), copy);
      } catch (error) {
        throw rowError(table, error);
      }
      return written;
    },
    async setSequences(tables) {
      const set: SequenceSet[] = [];
      for (const table of tables) {
        const serial = await run(
          `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_default LIKE 'nextval(%'`,
          [table.name],
        );
        for (const { column_name: column } of serial.rows as { column_name: string }[]) {
          const max = await run(`SELECT MAX(${quoteIdent(column)}) AS max FROM ${quoteIdent(table.name)}`);
          const value = max.rows[0].max === null ? null : Number(max.rows[0].max);
          // An empty table restarts at 1 (is_called false); otherwise the next id is max + 1.
          await run(`SELECT setval(pg_get_serial_sequence($1, $2), $3, $4)`, [
            quoteIdent(table.name),
            column,
            value ?? 1,
            value !== null,
          ]);
          set.push({ table: table.name, column, value: value ?? 0 });
        }
      }
      return set;
    },
    commit: async () => void (await run('COMMIT')),
    rollback: async () => void (await client.query('ROLLBACK').catch(() => undefined)),
  };
}

/** One prepared INSERT per table, every table in one transaction. */
export function sqliteWriter(db: Database.Database): TableWriter {
  const exec = (sql: string) => {
    try {
      db.exec(sql);
    } catch (error) {
      throw mapDriverError(error);
    }
  };
  return {
    begin: async () => exec('BEGIN IMMEDIATE'),
    async empty(tables) {
      for (const table of [...tables].reverse()) exec(`DELETE FROM ${quoteIdent(table.name)}`);
      const sequences = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'`).get();
      if (sequences) {
        const names = tables.map((table) => table.name);
        db.prepare(`DELETE FROM sqlite_sequence WHERE name IN (${names.map(() => '?').join(', ')})`).run(...names);
      }
    },
    async write(table, batches, onRows) {
      const insert = db.prepare(
        `INSERT INTO ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(', ')}) VALUES (${table.columns.map(() => '?').join(', ')})`,
      );
      let written = 0;
      for await (const batch of batches) {
        try {
          for (const row of batch) insert.run(...row.map(sqliteValue));
        } catch (error) {
          throw rowError(table, error);
        }
        written += batch.length;
        onRows(batch.length);
      }
      return written;
    },
    // AUTOINCREMENT tables move sqlite_sequence to the largest id inserted by themselves.
    setSequences: async () => [],
    commit: async () => exec('COMMIT'),
    rollback: async () => {
      if (db.inTransaction) db.exec('ROLLBACK');
    },
  };
}

function sqliteValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}

function rowError(table: CopyTable, error: unknown): JobSearchError {
  const mapped = mapDriverError(error);
  return new JobSearchError(
    mapped.code,
    `Copying table ${table.name} failed, and nothing was written to the target (${mapped.message}). Fix that row in the source (or run \`jobsearch-migrate validate\`), then copy again.`,
    { cause: error, details: { table: table.name } },
  );
}
