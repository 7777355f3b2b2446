import { loadOnce } from './load-once.js';

/**
 * A port whose adapter is imported on its first call instead of at cold start. Importing an AWS SDK
 * client costs 100–900 ms of a Lambda's cold start (bench/bundle.ts), and most requests never touch
 * S3, Cognito or Lambda, so those adapters (and the SDK clients inside them) load only when a
 * request needs them. Every method of a lazy port must return a promise; `eager` answers the
 * members known without loading (e.g. IdentityAdmin's `kind`). A failed load is retried next call.
 */
export function lazyPort<T extends object>(load: () => Promise<T>, eager: Partial<T> = {}): T {
  const port = loadOnce(load);
  return new Proxy(eager as T, {
    get(target, key) {
      if (key in target) return target[key as keyof T];
      // Symbols and `then` answer undefined, so inspecting or awaiting the port does not load it.
      if (typeof key === 'symbol' || key === 'then') return undefined;
      return async (...args: unknown[]) => {
        const loaded = await port();
        const method = loaded[key as keyof T] as unknown;
        if (typeof method !== 'function') throw new TypeError(`lazy port has no method ${key}`);
        return (method as (...a: unknown[]) => unknown).apply(loaded, args);
      };
    },
  });
}
