import { ProvinceInboxMessageSchema } from '../../shared/province.js';
import { consumeSqsBatch, type SqsBatchResponse, type SqsEvent } from '../adapters/sqs/consumer.js';
import { applyDirectoryEvent, applyReceipts } from '../use-cases/province/routing.js';
import { createProvinceDepsSource } from './deps.js';
import { parseEnv, ProvinceEnvSchema } from './env.js';

/** The province's inbox consumer (issue 17): tenants' directory events route held records; receipts take their city status. */
const source = createProvinceDepsSource(parseEnv(ProvinceEnvSchema, process.env));

export async function handler(event: SqsEvent): Promise<SqsBatchResponse> {
  const deps = await source.deps();
  return consumeSqsBatch(
    event,
    async (body) => {
      const message = ProvinceInboxMessageSchema.parse(body);
      if (message.type === 'directory') await applyDirectoryEvent(deps, message.event);
      else await applyReceipts(deps, message.receipts);
    },
    source.log,
  );
}
