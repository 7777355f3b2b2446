import { randomUUID } from 'node:crypto';
import { createDocumentClient } from '../adapters/dynamo/client.js';
import { createProvinceRecordRepository, createRoutingDirectory } from '../adapters/dynamo/province.js';
import { createRepositories } from '../adapters/dynamo/repositories.js';
import { createDirectoryKeySource } from '../adapters/secrets/directory-key.js';
import { createSqsTenantQueues } from '../adapters/sqs/province-queues.js';
import { ENV } from '../../shared/contract.js';
import { createLogger, type Logger } from '../log.js';
import type { IntakeDeps } from '../use-cases/province/intake.js';
import { PROVINCE_ENV, type ProvinceEnv } from './env.js';

/**
 * The province's dependencies in Lambda, shared by its functions (API, inbox consumer, sweeper). The
 * directory key is read from Secrets Manager on the first invocation, not at import: a container that
 * cannot read it fails its requests (and retries the read), instead of failing to start.
 */
export function createProvinceDepsSource(env: ProvinceEnv): {
  log: Logger;
  deps: () => Promise<IntakeDeps & { repositories: ReturnType<typeof createRepositories> }>;
} {
  const db = createDocumentClient();
  const table = env[ENV.TABLE_NAME];
  const log = createLogger(env[ENV.LOG_LEVEL]);
  const repositories = createRepositories(db, table);
  const directoryKey = createDirectoryKeySource(env[PROVINCE_ENV.DIRECTORY_KEY_SECRET]);
  const base = {
    bases: repositories.bases,
    idempotency: repositories.idempotency,
    records: createProvinceRecordRepository(db, table),
    directory: createRoutingDirectory(db, table),
    queues: createSqsTenantQueues({ queueUrls: env[PROVINCE_ENV.TENANT_QUEUES], log }),
    clock: () => new Date(),
    newId: () => randomUUID(),
    log,
    repositories,
  };
  return { log, deps: async () => ({ ...base, directoryKey: await directoryKey() }) };
}
