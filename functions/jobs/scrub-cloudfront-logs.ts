import * as z from 'zod';
import { ENV } from '../../shared/contract.js';
import { createS3Client } from '../adapters/s3/client.js';
import { createLogObjectStore } from '../adapters/s3/log-objects.js';
import { createLogger } from '../log.js';
import { createScrubCloudFrontLogsHandler } from './scrub-cloudfront-logs-handler.js';

/**
 * Lambda entry for the access-log bucket's ObjectCreated events under the raw CloudFront prefix (the
 * CDK AccessLogs construct points here): rewrites each log file without query strings. It needs the
 * bucket and nothing else: no table, no evidence.
 */
const env = z
  .object({
    [ENV.ACCESS_LOG_BUCKET]: z.string().min(3),
    [ENV.LOG_LEVEL]: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  })
  .parse(process.env);

// Built once per container.
const bucket = env[ENV.ACCESS_LOG_BUCKET];

export const handler = createScrubCloudFrontLogsHandler(
  { logs: createLogObjectStore(createS3Client(), bucket), log: createLogger(env[ENV.LOG_LEVEL]) },
  bucket,
);
