import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';

export interface Polled<T> {
  data: T | undefined;
  error: ApiError | undefined;
  /** The first answer is still awaited. */
  loading: boolean;
}

/**
 * Loads `load` for `key`, then again every `intervalMs` for as long as `keepPolling(data)` says
 * so. A failed poll keeps the last data and tries again on the next tick; a new request starts
 * only after the previous one answered, so a slow server is never flooded.
 */
export function usePolling<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  intervalMs: number,
  keepPolling: (data: T) => boolean,
): Polled<T> {
  const [polled, setPolled] = useState<Polled<T>>({ data: undefined, error: undefined, loading: true });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what is polled; `load` and `keepPolling` are new closures on every render.
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    setPolled({ data: undefined, error: undefined, loading: true });
    const tick = async () => {
      let again = true;
      try {
        const data = await load(controller.signal);
        if (controller.signal.aborted) return;
        setPolled({ data, error: undefined, loading: false });
        again = keepPolling(data);
      } catch (error) {
        if (controller.signal.aborted) return;
        const apiError =
          error instanceof ApiError
            ? error
            : new ApiError(0, 'CLIENT', error instanceof Error ? error.message : String(error));
        setPolled((previous) => ({ data: previous.data, error: apiError, loading: false }));
        // Nothing changes by asking again about something that does not exist.
        again = apiError.status !== 404 && apiError.status !== 400;
      }
      if (again) timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
    // `load` and `keepPolling` are rebuilt on every render; `key` says when the target changes.
  }, [key, intervalMs]);

  return polled;
}
