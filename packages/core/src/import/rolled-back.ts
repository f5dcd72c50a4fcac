import type { Store } from '../store/store.js';

class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rolled back on purpose');
  }
}

/**
 * Runs `fn` in a transaction that is always rolled back and returns its result: a preview with
 * exact counts that writes nothing. Inside an enclosing transaction, `fn`'s writes stay in that
 * transaction (so a preview of several files sees the earlier ones) and the enclosing
 * rolledBack() discards them all.
 */
export async function rolledBack<T>(store: Store, fn: (tx: Store) => Promise<T>): Promise<T> {
  try {
    await store.transaction(async (tx) => {
      throw new Rollback(await fn(tx));
    });
  } catch (error) {
    if (error instanceof Rollback) return error.value as T;
    throw error;
  }
  throw new Error('unreachable: the preview transaction always throws');
}
