import { useCallback, useEffect, useState } from 'preact/hooks';
import { handleAuthError } from '../console/auth';

/** State of a request that a component runs: the last data, whether a newer one runs, its error. */
export interface RequestState<T> {
  /** Data of the last successful request; kept while a newer one runs, so views do not flicker. */
  data: T | null;
  /** True from the render that changes the key until its request settles. */
  loading: boolean;
  error: unknown;
  reload(): void;
}

/** Outcome of the request for one key and attempt. */
interface Settled<T> {
  key: string;
  attempt: number;
  data: T | null;
  error: unknown;
}

/**
 * Runs `run` whenever `key` changes, aborting the request still running for the previous key so
 * that a slow response cannot overwrite a newer one. An expired sign-in signs the user out.
 */
export function useRequest<T>(
  key: string,
  run: (signal: AbortSignal) => Promise<T>,
): RequestState<T> {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled<T>>({
    key: '',
    attempt: -1,
    data: null,
    error: null,
  });

  useEffect(() => {
    const controller = new AbortController();
    run(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        setSettled({ key, attempt, data, error: null });
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        const error = handleAuthError(failure) ? null : failure;
        setSettled((previous) => ({ key, attempt, data: previous.data, error }));
      },
    );
    return () => controller.abort();
    // `run` is a new function on every render, so `key` stands for what it fetches.
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  // Derived rather than stored, so the render that changes the key already shows the old data
  // as stale instead of as the response for the new key.
  const loading = settled.key !== key || settled.attempt !== attempt;
  return { data: settled.data, loading, error: loading ? null : settled.error, reload };
}
