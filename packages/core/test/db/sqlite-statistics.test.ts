import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { createTestDatabase } from '../../src/testing/test-databases.js';
import { sampleMatch } from '../store/fixtures.js';

describe('SQLite planner statistics', () => {
  it('a connection that only inserted leaves statistics behind when it closes', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      const store = await openStore({ url: database.url, migrate: true });
      await store.insertMatches(
        Array.from({ length: 2_000 }, (_, i) => sampleMatch(i, { searchTerm: `term-${i % 7}` })),
      );
      await store.close();

      // The next process (the API after a bulk import) plans its queries with them.
      const db = new Database(database.path!, { readonly: true });
      try {
        const stats = db.prepare("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'job_matches'").all() as Array<{
          idx: string;
          stat: string;
        }>;
        expect(stats.map((s) => s.idx)).toEqual(
          expect.arrayContaining(['idx_job_matches_dashboard', 'idx_job_matches_url_cv']),
        );
        expect(Number(stats[0]!.stat.split(' ')[0])).toBeGreaterThan(0);
      } finally {
        db.close();
      }
    } finally {
      await database.drop();
    }
  });
});
