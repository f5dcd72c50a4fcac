import { postgresTestUrl } from '@jobsearchai/core/testing';
import { describe, expect, it } from 'vitest';
import { benchUndo } from '../src/undo/undo-bench.js';

/** The undo benchmark at a small size: it measures like for like on every provider. No timing asserts. */
describe('jobsearch-bench undo', () => {
  it('undoes the created and the updated rows and deletes as many in its raw baseline', async () => {
    const postgresUrl = postgresTestUrl();
    const result = await benchUndo({ rows: 300, repeats: 1, ...(postgresUrl ? { postgresUrl } : {}) });
    expect(result.providers.map((p) => p.provider)).toEqual(postgresUrl ? ['sqlite', 'postgresql'] : ['sqlite']);
    for (const p of result.providers) {
      expect(p.undoCreated.rows).toBe(result.config.createdRows);
      expect(p.undoCreated.rows).toBeGreaterThan(250);
      expect(p.rawDelete.rows).toBe(p.undoCreated.rows);
      // Every row the forced re-import changed is restored: the generated file's keys, less its repeats.
      expect(p.undoUpdated.rows).toBeGreaterThan(250);
      expect(p.undoCreated.ms).toHaveLength(1);
    }
  }, 120_000);
});
