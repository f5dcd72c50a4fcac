import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { canonicalRow } from '@jobsearchai/core/copy';
import Database from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const BATCH = 5_000;

/**
 * The floor the copy is measured against: every job_matches row read from the SQLite file with
 * better-sqlite3 and sent with one plain COPY into a table the migrator made — no transaction
 * around it, no other tables, no sequences, no parity. It encodes rows with core's canonical
 * text (COPY's text format), so the two sides differ only in what the copy does around it.
 */
export async function rawCopyMatches(sqlitePath: string, postgresUrl: string): Promise<{ rows: number; ms: number }> {
  const db = new Database(sqlitePath, { readonly: true });
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info('job_matches')`).all() as { name: string }[]).map(
      (row) => `"${row.name}"`,
    );
    const started = performance.now();
    const rows = db.prepare(`SELECT ${columns.join(', ')} FROM job_matches`).raw(true);
    let count = 0;
    async function* lines(): AsyncGenerator<string> {
      let text = '';
      let inBatch = 0;
      for (const row of rows.iterate() as IterableIterator<unknown[]>) {
        text += `${canonicalRow(row)}\n`;
        if (++inBatch === BATCH) {
          count += inBatch;
          yield text;
          text = '';
          inBatch = 0;
        }
      }
      count += inBatch;
      if (text) yield text;
    }
    await pipeline(
      Readable.from(lines()),
      client.query(copyFrom(`COPY job_matches (${columns.join(', ')}) FROM STDIN`)),
    );
    return { rows: count, ms: Math.round(performance.now() - started) };
  } finally {
    db.close();
    await client.end();
  }
}
