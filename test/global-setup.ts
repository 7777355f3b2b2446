import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local.js';
import { startLocalS3 } from '../functions/local/s3-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
    s3Endpoint: string;
  }
}

/** Starts the real dependencies once per run: Amazon's DynamoDB Local (in memory) and the S3 server. */
export default async function setup(project: TestProject) {
  const s3Dir = mkdtempSync(join(tmpdir(), 'xueshi-s3-'));
  const [ddb, s3] = await Promise.all([startDynamoDbLocal(), startLocalS3({ directory: s3Dir })]);
  project.provide('dynamoDbEndpoint', ddb.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
  return async () => {
    await Promise.all([ddb.stop(), s3.stop()]);
    rmSync(s3Dir, { recursive: true, force: true });
  };
}
