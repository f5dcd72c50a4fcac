// The engine opens connections through the adapter factory and does not always dispose them;
// a better-sqlite3 handle left open keeps its file locked (P1008 on the next query) and a pg
// pool left open keeps the process alive. Every connection is therefore recorded here and
// disposed exactly once, by whoever comes first: the engine or the caller's cleanup.

/** @typedef {import('@prisma/driver-adapter-utils').SqlDriverAdapter} SqlDriverAdapter */

export function createConnectionTracker() {
  /** @type {Set<() => Promise<void>>} */
  const open = new Set();

  return {
    /**
     * Makes `adapter.dispose` idempotent and remembers it until it has run.
     * @template {SqlDriverAdapter} T
     * @param {T} adapter
     * @param {() => Promise<void>} [afterDispose] runs once the connection is closed
     * @returns {T}
     */
    track(adapter, afterDispose) {
      const dispose = adapter.dispose.bind(adapter);
      /** @type {Promise<void> | undefined} */
      let disposing;
      const disposeOnce = () => {
        disposing ??= (async () => {
          open.delete(disposeOnce);
          try {
            await dispose();
          } finally {
            await afterDispose?.();
          }
        })();
        return disposing;
      };
      adapter.dispose = disposeOnce;
      open.add(disposeOnce);
      return adapter;
    },

    /** Disposes every connection still open; reports the first failure after trying all. */
    async disposeAll() {
      const results = await Promise.allSettled([...open].map((dispose) => dispose()));
      const failure = results.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
    },
  };
}
