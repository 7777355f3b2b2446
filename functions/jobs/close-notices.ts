import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { ENV, TENANT_CODES } from '../../shared/contract.js';
import { createDocumentClient } from '../adapters/dynamo/client.js';
import { createRepositories } from '../adapters/dynamo/repositories.js';
import { closeDueNotices } from '../use-cases/certification/notices.js';
import { createLogger } from '../log.js';

/**
 * Lambda entry for the schedule that closes notices (the CDK Jobs construct runs it every few minutes
 * and just after 00:00 Asia/Shanghai): a notice ending on D closes at 00:00 China time on D+1 and its
 * applications without an open objection move to `notice_passed`. Running it twice changes nothing.
 */
const env = z
  .object({
    [ENV.TENANT]: z.enum(TENANT_CODES as [string, ...string[]]),
    [ENV.TABLE_NAME]: z.string().min(3),
    [ENV.LOG_LEVEL]: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  })
  .parse(process.env);

const repositories = createRepositories(createDocumentClient(), env[ENV.TABLE_NAME]);
const log = createLogger(env[ENV.LOG_LEVEL]);

export async function handler(): Promise<{ closed: string[] }> {
  const result = await closeDueNotices({
    ...repositories,
    config: { tenant: env[ENV.TENANT] },
    clock: () => new Date(),
    newId: () => randomUUID(),
  });
  if (result.closed.length) log.info('notices closed', { closed: result.closed });
  return result;
}
