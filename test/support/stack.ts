import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { startLocalStack, type LocalStack } from '../../functions/local/server.js';
import { launchBrowser } from './browser.js';

/** The whole local system (API + built site + dev routes) on a free port, on the run's shared services. */
export function startTestStack(options: { clock?: () => Date; tokenTtlSeconds?: number } = {}): Promise<LocalStack> {
  return startLocalStack({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'xueshi-stack-')),
    dynamoDbEndpoint: inject('dynamoDbEndpoint'),
    s3Endpoint: inject('s3Endpoint'),
    tableName: `e2e-${randomUUID()}`,
    bucketName: `e2e-${randomUUID().slice(0, 8)}`,
    clock: options.clock,
    tokenTtlSeconds: options.tokenTtlSeconds,
  });
}

/** What a browser test works with; both are set once the file's `beforeAll` has run. */
export interface BrowserStack {
  stack: LocalStack;
  browser: Browser;
}

/**
 * The one setup of a browser test file: a local stack and a Chromium, started side by side before the
 * file's tests and closed after them. Read `stack` and `browser` inside tests and hooks, not at load time.
 */
export function useBrowserStack(options: Parameters<typeof startTestStack>[0] = {}): BrowserStack {
  const handle = {} as BrowserStack;
  beforeAll(async () => {
    [handle.stack, handle.browser] = await Promise.all([startTestStack(options), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await handle.browser?.close();
    await handle.stack?.stop();
  });
  return handle;
}
