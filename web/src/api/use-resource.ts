import { useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  /** Loads again (after a change); the old data stays on screen meanwhile. */
  reload(): void;
}

/**
 * A GET on screen: loads when `key` changes (undefined: not yet, or not for this user), keeps only the
 * answer to the latest request (a slow answer to an old filter never overwrites a newer one), and
 * reports failures to `onError` once.
 */
export function useResource<T>(
  key: string | undefined,
  load: () => Promise<T>,
  onError?: (err: unknown) => void,
  options: { keepPrevious?: boolean } = {},
): Resource<T> {
  // The latest answer and the request (key and reload tick) it answers: loading is whatever has not been
  // answered yet, derived rather than set when a request starts (no setState inside the effect).
  const [state, setState] = useState<{ key?: string; tick?: number; data?: T; error?: unknown }>({});
  const [tick, setTick] = useState(0);
  const ticket = useRef(0);
  const loadRef = useRef(load);
  const onErrorRef = useRef(onError);
  useEffect(() => {
    loadRef.current = load;
    onErrorRef.current = onError;
  });

  useEffect(() => {
    if (key === undefined) return;
    const mine = ++ticket.current;
    loadRef
      .current()
      .then((data) => {
        if (mine === ticket.current) setState({ key, tick, data });
      })
      .catch((error: unknown) => {
        if (mine !== ticket.current) return;
        setState((s) => ({ key, tick, data: s.key === key ? s.data : undefined, error }));
        onErrorRef.current?.(error);
      });
  }, [key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  // Data of another key (the previous person, say) is not this key's data, unless the caller would
  // rather keep showing it while the next loads (a list changing filters).
  const current = state.key === key;
  return {
    data: current || options.keepPrevious ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: key !== undefined && (!current || state.tick !== tick),
    reload,
  };
}
