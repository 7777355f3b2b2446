import { createHash } from 'node:crypto';
import type { TrainingBase } from '../../../shared/bases.js';
import type { TenantCode } from '../../../shared/contract.js';
import {
  FORWARD_MESSAGE_MAX_RECORDS,
  type DirectoryEvent,
  type ForwardMessage,
  type ProvinceRecord,
  type Receipt,
} from '../../../shared/province.js';
import type { Logger } from '../../log.js';
import type { BaseRepository } from '../../ports/bases.js';
import type { ProvinceRecordRepository, RoutingDirectory, TenantQueues } from '../../ports/province.js';

export interface RoutingDeps {
  bases: BaseRepository;
  records: ProvinceRecordRepository;
  directory: RoutingDirectory;
  queues: TenantQueues;
  clock: () => Date;
  log?: Logger;
}

/** A receipt this late means the message was lost or parked in the tenant's dead-letter queue: send it again. */
export const RESEND_AFTER_MS = 5 * 60_000;
const SWEEP_PAGE = 200;

/**
 * Hands waiting records to the tenant the directory names for their person. Each record is first
 * marked `sent` to that tenant (conditionally, from `waiting`), then its message is sent: once marked,
 * its tenant never changes, so a crash between the two at worst leaves a record the sweeper sends
 * again to the same tenant — where the posting's (base, externalId) uniqueness makes the second
 * delivery a no-op. Marking after sending could instead route one record to two cities.
 * Records with no directory entry stay waiting: held.
 */
export async function routeWaiting(
  deps: RoutingDeps,
  waiting: ProvinceRecord[],
): Promise<{ routed: number; held: number; heldSince: string[] }> {
  if (!waiting.length) return { routed: 0, held: 0, heldSince: [] };
  const tenants = await deps.directory.lookup([...new Set(waiting.map((r) => r.idHash))]);
  const at = deps.clock().toISOString();
  const marked: { record: ProvinceRecord; tenant: TenantCode }[] = [];
  const heldSince: string[] = [];
  await Promise.all(
    waiting.map(async (record) => {
      const tenant = tenants.get(record.idHash);
      if (!tenant) {
        heldSince.push(record.postedAt);
        return;
      }
      if (await deps.records.markSent(record, tenant, at))
        marked.push({ record: { ...record, state: 'sent', tenant, sentAt: at }, tenant });
    }),
  );
  await sendAll(deps, marked);
  return { routed: marked.length, held: heldSince.length, heldSince };
}

/** One message per tenant and base, at most FORWARD_MESSAGE_MAX_RECORDS records each; a failed send is logged and left to the sweeper. */
async function sendAll(deps: RoutingDeps, items: { record: ProvinceRecord; tenant: TenantCode }[]): Promise<number> {
  const groups = new Map<string, { tenant: TenantCode; baseId: string; records: ProvinceRecord[] }>();
  for (const { record, tenant } of items) {
    const key = `${tenant}#${record.baseId}`;
    const group = groups.get(key) ?? { tenant, baseId: record.baseId, records: [] };
    group.records.push(record);
    groups.set(key, group);
  }
  const bases = new Map<string, TrainingBase | undefined>();
  let failed = 0;
  for (const group of groups.values()) {
    if (!bases.has(group.baseId)) bases.set(group.baseId, await deps.bases.get(group.baseId));
    const base = bases.get(group.baseId);
    if (!base) {
      deps.log?.error('a province record names a base that is not registered', { baseId: group.baseId });
      continue;
    }
    for (let i = 0; i < group.records.length; i += FORWARD_MESSAGE_MAX_RECORDS) {
      const chunk = group.records.slice(i, i + FORWARD_MESSAGE_MAX_RECORDS);
      const message: ForwardMessage = {
        v: 1,
        id: messageId(group.tenant, chunk),
        tenant: group.tenant,
        base: { id: base.id, name: base.name, creditCode: base.creditCode, level: base.level },
        records: chunk.map((r) => ({ provinceRecordId: r.id, record: r.record })),
      };
      try {
        await deps.queues.send(message);
      } catch (err) {
        failed += chunk.length;
        // The records stay `sent` without a receipt: the sweeper sends them again after RESEND_AFTER_MS.
        deps.log?.warn('forwarding to a tenant failed; the sweeper retries', {
          tenant: group.tenant,
          records: chunk.length,
          err,
          metric: 'ForwardFailed',
        });
      }
    }
  }
  return failed;
}

function messageId(tenant: string, records: ProvinceRecord[]): string {
  const hash = createHash('sha256');
  hash.update(tenant);
  for (const r of records) hash.update(`\u0000${r.id}`);
  return `fwd-${hash.digest('hex').slice(0, 40)}`;
}

/** A tenant registered a person: the directory learns it, and that person's held records go there now. */
export async function applyDirectoryEvent(deps: RoutingDeps, event: DirectoryEvent): Promise<{ routed: number }> {
  await deps.directory.apply(event);
  // Routed by the entry as it now stands (a late, older event changed nothing, and routes nothing elsewhere).
  const { routed } = await routeWaiting(deps, await deps.records.listWaiting(event.idHash));
  return { routed };
}

/** The tenants' receipts: each delivered record takes its status in its city's books. */
export async function applyReceipts(deps: Pick<RoutingDeps, 'records' | 'log'>, receipts: Receipt[]): Promise<number> {
  let applied = 0;
  for (const receipt of receipts) {
    if (await deps.records.applyReceipt(receipt)) applied++;
    else
      deps.log?.warn('a receipt names a record not sent to its tenant; ignored', {
        tenant: receipt.tenant,
        provinceRecordId: receipt.provinceRecordId,
      });
  }
  return applied;
}

/**
 * The schedule's work (every minute in AWS, a timer locally): resend what has waited too long for a
 * receipt, route waiting records whose person a tenant now knows (an event that was lost, or a crash
 * between writing and routing), and count what is held for the alarm.
 */
/** A record held longer than this counts for the held alarm: a base often posts before a newcomer is registered. */
export const HELD_ALERT_MS = 72 * 3600_000;

export async function sweep(
  deps: RoutingDeps,
): Promise<{ resent: number; routed: number; held: number; heldOverdue: number; failed: number }> {
  const now = deps.clock();
  const overdue = await deps.records.listSentBefore(new Date(now.getTime() - RESEND_AFTER_MS).toISOString(), SWEEP_PAGE);
  const at = now.toISOString();
  await Promise.all(overdue.map((r) => deps.records.markResent(r, at)));
  const failed = await sendAll(
    deps,
    overdue.filter((r) => r.tenant).map((r) => ({ record: r, tenant: r.tenant! })),
  );
  let routed = 0;
  let held = 0;
  let heldOverdue = 0;
  const heldCutoff = new Date(now.getTime() - HELD_ALERT_MS).toISOString();
  let cursor: string | undefined;
  do {
    const page = await deps.records.listAllWaiting({ limit: SWEEP_PAGE, ...(cursor ? { cursor } : {}) });
    const outcome = await routeWaiting(deps, page.items);
    routed += outcome.routed;
    held += outcome.held;
    heldOverdue += outcome.heldSince.filter((postedAt) => postedAt < heldCutoff).length;
    cursor = page.cursor ?? undefined;
  } while (cursor);
  deps.log?.info('province sweep', { resent: overdue.length, routed, held, heldOverdue, failed, metric: 'ProvinceSweep' });
  return { resent: overdue.length, routed, held, heldOverdue, failed };
}
