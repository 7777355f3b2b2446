/**
 * A closed-loop load generator: `concurrency` workers, each sending its next request as soon as the
 * last one answered, until `total` requests have been sent (bounded: no benchmark runs open-ended).
 * With Node's fetch each worker keeps one keep-alive connection, so 50 workers are 50 connections.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';

export interface LoadResult {
  /** Milliseconds per request, ascending. */
  latencies: number[];
  seconds: number;
  requestsPerSecond: number;
}

export async function runLoad(options: {
  concurrency: number;
  total: number;
  task: (worker: number, n: number) => Promise<void>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, worker) => {
      while (next < options.total) {
        const n = next++;
        const t = performance.now();
        await options.task(worker, n);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { latencies, seconds, requestsPerSecond: options.total / seconds };
}

/** The app on a real HTTP server, bound to loopback only. */
export async function serveOnLoopback(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
