import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';

export type Resource<T> =
  | { state: 'loading'; data: T | undefined; error: undefined }
  | { state: 'ready'; data: T; error: undefined }
  | { state: 'error'; data: T | undefined; error: ApiError };

/**
 * Loads `load` whenever `key` changes and aborts the previous request, so a slow answer for an old
 * filter never overwrites the current one. The last data stays visible while the next page loads.
 */
export function useResource<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
): Resource<T> & { reload: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading', data: undefined, error: undefined });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` and `attempt` say when to load again; `load` is a new closure on every render.
  useEffect(() => {
    const controller = new AbortController();
    setResource((previous) => ({ state: 'loading', data: previous.data, error: undefined }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResource({ state: 'ready', data, error: undefined });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError =
          error instanceof ApiError
            ? error
            : new ApiError(0, 'CLIENT', error instanceof Error ? error.message : String(error));
        setResource((previous) => ({ state: 'error', data: previous.data, error: apiError }));
      },
    );
    return () => controller.abort();
    // `load` is rebuilt on every render; `key` says when the request really changes.
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...resource, reload };
}
