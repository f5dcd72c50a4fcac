import type { Store } from '@jobsearchai/core/store';
import { throttled, type Progress } from '../util/progress.js';
import { realisticRows } from './realistic-rows.js';
import type { BulkInsertFigures } from './query-types.js';

/**
 * Adds rows [from, to) of the realistic data set through the store's bulk path
 * (insertMatches), `chunkRows` at a time so memory stays bounded at any size. Only the time
 * inside insertMatches counts; generating the rows does not.
 */
export async function seedStore(
  store: Store,
  from: number,
  to: number,
  chunkRows: number,
  progress: Progress,
): Promise<BulkInsertFigures> {
  const report = throttled(progress, 5_000);
  let insertMs = 0;
  let inserted = 0;
  for (let start = from; start < to; start += chunkRows) {
    const rows = realisticRows(start, Math.min(to, start + chunkRows));
    const started = performance.now();
    const result = await store.insertMatches(rows);
    insertMs += performance.now() - started;
    inserted += result.inserted;
    if (result.inserted !== rows.length)
      throw new Error(
        `The data set should have unique keys, but ${rows.length - result.inserted} rows of chunk ${start} were duplicates.`,
      );
    report(
      `seeding ${store.provider}: ${(start + rows.length).toLocaleString('en-US')} / ${to.toLocaleString('en-US')} rows (${Math.round(inserted / (insertMs / 1000)).toLocaleString('en-US')} rec/s)`,
    );
  }
  return { rows: inserted, insertMs: Math.round(insertMs), recordsPerSecond: Math.round(inserted / (insertMs / 1000)) };
}
