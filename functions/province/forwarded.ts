import { randomUUID } from 'node:crypto';
import { ENV } from '../../shared/contract.js';
import { ForwardMessageSchema } from '../../shared/province.js';
import { createDocumentClient } from '../adapters/dynamo/client.js';
import { createForwardedBaseLookup } from '../adapters/dynamo/province.js';
import { createRepositories } from '../adapters/dynamo/repositories.js';
import { createDirectoryKeySource } from '../adapters/secrets/directory-key.js';
import { consumeSqsBatch, type SqsBatchResponse, type SqsEvent } from '../adapters/sqs/consumer.js';
import { createSqsProvinceInbox } from '../adapters/sqs/province-queues.js';
import { createLogger } from '../log.js';
import { createRegistrationPublisher } from '../use-cases/province/directory.js';
import { receiveForwarded, type ForwardedDeps } from '../use-cases/province/forwarded.js';
import { parseEnv, PROVINCE_ENV, TenantConsumerEnvSchema } from './env.js';

/**
 * A tenant stack's consumer of its forward queue (issue 17): each message goes through the tenant's
 * own ingest (functions/use-cases/province/forwarded.ts) and the receipts go back to the province's
 * inbox. A failure before the receipts are sent re-runs the message, which the postings make harmless.
 */
const env = parseEnv(TenantConsumerEnvSchema, process.env);
const db = createDocumentClient();
const log = createLogger(env[ENV.LOG_LEVEL]);
const inbox = createSqsProvinceInbox({ queueUrl: env[PROVINCE_ENV.INBOX_URL] });
const directoryKey = createDirectoryKeySource(env[PROVINCE_ENV.DIRECTORY_KEY_SECRET]);
const deps: ForwardedDeps = {
  ...createRepositories(db, env[ENV.TABLE_NAME]),
  forwardedBases: createForwardedBaseLookup(db, env[ENV.TABLE_NAME]),
  tenant: env[ENV.TENANT],
  config: { tenant: env[ENV.TENANT] },
  clock: () => new Date(),
  newId: () => randomUUID(),
  log,
};

export async function handler(event: SqsEvent): Promise<SqsBatchResponse> {
  // A forwarded record can register nobody, but matching may: the hook needs the key only then.
  deps.registrations ??= createRegistrationPublisher({ inbox, directoryKey: await directoryKey(), tenant: env[ENV.TENANT] });
  return consumeSqsBatch(
    event,
    async (body) => {
      const receipts = await receiveForwarded(deps, ForwardMessageSchema.parse(body));
      if (receipts.length) await inbox.publishReceipts(receipts);
    },
    log,
  );
}
