/**
 * `load` run once, on the first call, and its promise kept for every later call; a failed load is
 * not kept, so the next call tries again (a throttled SDK import, a secret read during an outage).
 * The one way the runtime defers work from cold start to first use: the lazy app of the API entries,
 * lazy ports, the province's app and its directory key.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}
