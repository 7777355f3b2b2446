import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { ENV } from '../../shared/contract.js';
import { createDocumentClient } from '../adapters/dynamo/client.js';
import { createEvidenceFileRepository } from '../adapters/dynamo/evidence-files.js';
import { createS3Client } from '../adapters/s3/client.js';
import { createEvidenceStore } from '../adapters/s3/evidence-store.js';
import { createLogger } from '../log.js';
import { createEvidenceCheckHandler } from './evidence-check-handler.js';

/**
 * Lambda entry for the evidence bucket's ObjectCreated events (the CDK Jobs construct points here):
 * the same check as the confirm route, so an upload is judged even if the browser never confirms.
 * It needs only the table and the bucket, not the API's identity settings.
 */
const env = z
  .object({
    [ENV.TABLE_NAME]: z.string().min(3),
    [ENV.EVIDENCE_BUCKET]: z.string().min(3),
    [ENV.LOG_LEVEL]: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  })
  .parse(process.env);

// Built once per container.
const tableName = env[ENV.TABLE_NAME];
const bucket = env[ENV.EVIDENCE_BUCKET];
const s3 = createS3Client();

export const handler = createEvidenceCheckHandler(
  {
    evidenceFiles: createEvidenceFileRepository(createDocumentClient(), tableName),
    evidenceStore: createEvidenceStore(s3, bucket),
    clock: () => new Date(),
    newId: () => randomUUID(),
    log: createLogger(env[ENV.LOG_LEVEL]),
  },
  bucket,
);
