import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { startLocalStack, type LocalStack } from '../../functions/local/server.js';

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
