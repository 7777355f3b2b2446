import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { ENV } from '../../shared/contract.js';
import { createDocumentClient } from '../adapters/dynamo/client.js';
import { createRepositories } from '../adapters/dynamo/repositories.js';
import { createS3Client } from '../adapters/s3/client.js';
import { createExportFileStore } from '../adapters/s3/export-store.js';
import { createLogger } from '../log.js';
import { runExportJob } from './export-runner.js';

/**
 * Lambda entry of the export job (infra/constructs/exports.ts), invoked asynchronously by the API with
 * `{ jobId }`. It needs the table and the `exports/` prefix of the evidence bucket, nothing else. An
 * unexpected error is thrown after the job records it, so Lambda's retry runs the job again from the
 * first row (the same object is written over, never appended to).
 */
const env = z
  .object({
    [ENV.TABLE_NAME]: z.string().min(3),
    [ENV.EVIDENCE_BUCKET]: z.string().min(3),
    [ENV.LOG_LEVEL]: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  })
  .parse(process.env);

const EventSchema = z.object({ jobId: z.string().min(1).max(100) });

// Built once per container.
const deps = {
  ...createRepositories(createDocumentClient(), env[ENV.TABLE_NAME]),
  exportFiles: createExportFileStore(createS3Client(), env[ENV.EVIDENCE_BUCKET]),
  clock: () => new Date(),
  newId: () => randomUUID(),
  log: createLogger(env[ENV.LOG_LEVEL]),
};

export async function handler(event: unknown): Promise<{ outcome: string }> {
  const { jobId } = EventSchema.parse(event);
  return { outcome: await runExportJob(deps, jobId) };
}
