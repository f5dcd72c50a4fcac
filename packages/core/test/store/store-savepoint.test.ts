import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, testProviders, type TestStore } from '../../src/testing/test-databases.js';
import { sampleMatch } from './fixtures.js';

describe.each(testProviders())('store: savepoints (%s)', (provider) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(provider);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('undoes a failed unit only, and the enclosing transaction commits the others', async () => {
    await t.store.transaction(async (tx) => {
      await tx.savepoint((unit) => unit.insertMatches([sampleMatch(1)]));
      await expect(
        tx.savepoint(async (unit) => {
          await unit.insertMatches([sampleMatch(2)]);
          // A statement error, which on PostgreSQL aborts the transaction unless rolled back to a savepoint.
          await unit.insertMatches([sampleMatch(3, { jobUrl: null as unknown as string })]);
        }),
      ).rejects.toThrow();
      await tx.savepoint((unit) => unit.insertMatches([sampleMatch(4)]));
    });
    const urls = (await t.store.listMatches({ limit: 10 })).items.map((m) => m.jobUrl).sort();
    expect(urls).toEqual([sampleMatch(1).jobUrl, sampleMatch(4).jobUrl].sort());
  });

  it('is a transaction of its own outside one', async () => {
    await expect(
      t.store.savepoint(async (unit) => {
        await unit.insertMatches([sampleMatch(1)]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await t.store.tableCounts()).jobMatches).toBe(0);
  });
});
