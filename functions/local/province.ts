import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TenantCode } from '../../shared/contract.js';
import type { ForwardMessage } from '../../shared/province.js';
import { createProvinceRecordRepository, createRoutingDirectory } from '../adapters/dynamo/province.js';
import { createRepositories } from '../adapters/dynamo/repositories.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { createProvinceApp, type ProvinceAppDeps } from '../http/province-app.js';
import type { Logger } from '../log.js';
import type { IdentityAdmin } from '../ports/identity.js';
import type { ProvinceInbox, TenantQueues } from '../ports/province.js';
import { createRegistrationPublisher } from '../use-cases/province/directory.js';
import { receiveForwarded, type ForwardedDeps } from '../use-cases/province/forwarded.js';
import { applyDirectoryEvent, applyReceipts } from '../use-cases/province/routing.js';

/**
 * The province stack and its hops in one process (issue 17): the province's table and API, an
 * in-memory queue per tenant standing in for the tenant's SQS queue, and an inbox standing in for
 * the province's. What stays true of SQS is what the design relies on: a message the queue took is
 * delivered at least once, in any order, maybe again — never lost while the tenant is down (here:
 * kept and retried until its consumer succeeds; across a restart the province's sweeper resends).
 */
export interface LocalProvince {
  app: ReturnType<typeof createProvinceApp>;
  deps: ProvinceAppDeps;
  queues: LocalTenantQueues;
  inbox: ProvinceInbox;
  /** Wires a tenant: its consumer behind its queue, and its registration hook into the directory. */
  attachTenant(tenant: TenantCode, deps: ForwardedDeps): void;
}

export interface LocalTenantQueues extends TenantQueues {
  /** Delivers what each tenant's queue holds, in order, stopping at a tenant's first failure. */
  drain(): Promise<void>;
  /** Messages still in a tenant's queue. */
  depth(tenant: TenantCode): number;
}

/** A local "DLQ redrive": the consumer is retried on every send and drain, as SQS retries after a visibility timeout. */
function createLocalTenantQueues(consume: (message: ForwardMessage) => Promise<void>, log: Logger): LocalTenantQueues {
  const queues = new Map<TenantCode, ForwardMessage[]>();
  const draining = new Map<TenantCode, Promise<void>>();
  const drainTenant = (tenant: TenantCode): Promise<void> => {
    const running = draining.get(tenant);
    if (running) return running;
    const run = (async () => {
      const queue = queues.get(tenant) ?? [];
      while (queue.length) {
        try {
          await consume(queue[0]!);
          queue.shift();
        } catch (err) {
          log.warn('a tenant consumer failed; the message stays in its queue', { tenant, err });
          return;
        }
      }
    })().finally(() => draining.delete(tenant));
    draining.set(tenant, run);
    return run;
  };
  return {
    async send(message) {
      const queue = queues.get(message.tenant) ?? [];
      queue.push(message);
      queues.set(message.tenant, queue);
      // Delivered at once when the tenant is up, so the local path is as quick as posting directly.
      await drainTenant(message.tenant);
    },
    async drain() {
      for (const tenant of queues.keys()) {
        await draining.get(tenant);
        await drainTenant(tenant);
      }
    },
    depth: (tenant) => queues.get(tenant)?.length ?? 0,
  };
}

export function createLocalProvince(options: {
  db: DynamoDBDocumentClient;
  tableName: string;
  directoryKey: Buffer;
  clock: () => Date;
  newId: () => string;
  log: Logger;
  tokens: TokenVerifier;
  identity: IdentityAdmin;
  release?: { version: string; commit: string };
}): LocalProvince {
  const tenants = new Map<TenantCode, ForwardedDeps>();
  const repositories = createRepositories(options.db, options.tableName);
  let deps: ProvinceAppDeps;
  const queues = createLocalTenantQueues(async (message) => {
    const tenant = tenants.get(message.tenant);
    if (!tenant) throw new Error(`tenant ${message.tenant} is not running locally`);
    const receipts = await receiveForwarded(tenant, message);
    if (receipts.length) await inbox.publishReceipts(receipts);
  }, options.log);
  const inbox: ProvinceInbox = {
    async publishDirectory(event) {
      await applyDirectoryEvent(deps, event);
    },
    async publishReceipts(receipts) {
      await applyReceipts(deps, receipts);
    },
  };
  deps = {
    config: { tenant: '430000', release: options.release ?? { version: 'local', commit: 'local' } },
    tokens: options.tokens,
    identity: options.identity,
    accounts: repositories.accounts,
    organisations: repositories.organisations,
    bases: repositories.bases,
    idempotency: repositories.idempotency,
    rateLimits: repositories.rateLimits,
    records: createProvinceRecordRepository(options.db, options.tableName),
    directory: createRoutingDirectory(options.db, options.tableName),
    queues,
    directoryKey: options.directoryKey,
    clock: options.clock,
    newId: options.newId,
    log: options.log,
  };
  return {
    app: createProvinceApp(deps),
    deps,
    queues,
    inbox,
    attachTenant(tenant, tenantDeps) {
      tenants.set(tenant, tenantDeps);
      tenantDeps.registrations = createRegistrationPublisher({ inbox, directoryKey: options.directoryKey, tenant });
    },
  };
}
