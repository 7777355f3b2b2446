import type { CompletionRecord } from '../../../shared/bases.js';
import { chinaDateOf } from '../../../shared/calendar.js';
import { NotFoundError } from '../../../shared/errors.js';
import { maskResidentId } from '../../../shared/mask.js';
import {
  baseViewStatus,
  type ProvinceBaseListItem,
  type ProvinceHrListItem,
  type ProvinceRecord,
  type ProvinceResult,
} from '../../../shared/province.js';
import type { Principal } from '../../auth/principal.js';
import type { IdempotencyStore, StoredResponse } from '../../ports/bases.js';
import type { Page } from '../../ports/records.js';
import type { BaseCaller } from '../bases.js';
import {
  batchRecords,
  checkRecords,
  isOwnEarlierAttempt,
  requireIdempotencyKey,
  runConcurrently,
  runIdempotent,
} from '../completion-intake.js';
import { assertProvincialHrOffice } from './bases.js';
import { idHashOf } from './directory.js';
import { routeWaiting, type RoutingDeps } from './routing.js';

export interface IntakeDeps extends RoutingDeps {
  idempotency: IdempotencyStore;
  /** The province's HMAC key for the routing directory (Secrets Manager in AWS). */
  directoryKey: Buffer;
  newId: () => string;
}

const WRITE_CONCURRENCY = 16;

/**
 * `POST /v1/base/completions` at the province stack (issue 17): rules §7's contract — the envelope,
 * the per-record checks, the Idempotency-Key protocol and (base, externalId) unique forever — with one
 * difference: a stored record is answered `accepted`, whether a city knows its person (routed) or not
 * (held), so the answer never says whether an ID is registered anywhere.
 */
export async function postProvinceCompletions(
  deps: IntakeDeps,
  caller: BaseCaller,
  input: { idempotencyKey: string | undefined; body: unknown },
): Promise<StoredResponse & { replayed: boolean }> {
  const key = requireIdempotencyKey(input.idempotencyKey);
  const raw = batchRecords(input.body);
  const outcome = await runIdempotent(deps, { scope: caller.baseId, key, body: input.body }, async () => {
    const { results, waiting } = await storeRecords(deps, caller, raw, key);
    // Routing after the records are stored: a failure here leaves them waiting for the sweeper, never lost.
    await routeWaiting(deps, waiting).catch((err: unknown) => deps.log?.warn('routing after intake failed; the sweeper retries', { err }));
    return { status: 200, body: JSON.stringify({ results }) };
  });
  return outcome;
}

async function storeRecords(
  deps: IntakeDeps,
  caller: BaseCaller,
  raw: unknown[],
  idempotencyKey: string,
): Promise<{ results: ProvinceResult[]; waiting: ProvinceRecord[] }> {
  const now = deps.clock();
  const results: ProvinceResult[] = new Array(raw.length);
  const valid: { index: number; record: CompletionRecord }[] = [];
  for (const checked of checkRecords(raw, chinaDateOf(now))) {
    if (checked.ok) valid.push({ index: checked.index, record: checked.record });
    else results[checked.index] = { externalId: checked.externalId, status: 'rejected', error: checked.error };
  }
  const existing = await deps.records.getMany(caller.baseId, [...new Set(valid.map((v) => v.record.externalId))]);
  const waiting: ProvinceRecord[] = [];
  const first = new Map<string, number>();
  const writes: { index: number; record: CompletionRecord }[] = [];
  for (const v of valid) {
    const taken = existing.get(v.record.externalId);
    if (taken) {
      results[v.index] = answerForTaken(taken, idempotencyKey, v.index, now);
      // This request's own earlier attempt, cut short before it routed: route it now.
      if (results[v.index]!.status === 'accepted' && taken.state === 'waiting') waiting.push(taken);
    } else if (first.has(v.record.externalId)) {
      results[v.index] = { externalId: v.record.externalId, status: 'duplicate' };
    } else {
      first.set(v.record.externalId, v.index);
      writes.push(v);
    }
  }

  const postedAt = now.toISOString();
  await runConcurrently(writes, WRITE_CONCURRENCY, async ({ index, record }) => {
    const stored: ProvinceRecord = {
      id: deps.newId(),
      baseId: caller.baseId,
      externalId: record.externalId,
      record,
      idHash: idHashOf(deps.directoryKey, record.idNumber),
      state: 'waiting',
      sends: 0,
      postedAt,
      keyPrefix: caller.keyPrefix,
      idempotencyKey,
      batchIndex: index,
    };
    if ((await deps.records.create(stored)) === 'saved') {
      results[index] = { externalId: record.externalId, status: 'accepted', recordId: stored.id };
      waiting.push(stored);
      return;
    }
    // Taken between our read and our write: by a concurrent request, or by this request's earlier attempt.
    const taken = await deps.records.get(caller.baseId, record.externalId);
    if (!taken) throw new Error(`province record ${record.externalId} reported taken but not found`);
    results[index] = answerForTaken(taken, idempotencyKey, index, now);
  });

  // A second copy of an externalId within the batch points at the first's record, as in a city.
  for (const [i, r] of results.entries()) {
    if (r?.status === 'duplicate' && !r.recordId && r.externalId !== null) {
      const firstIndex = first.get(r.externalId);
      const recordId = firstIndex === undefined ? undefined : results[firstIndex]?.recordId;
      if (recordId) results[i] = { ...r, recordId };
    }
  }
  return { results, waiting };
}

function answerForTaken(taken: ProvinceRecord, idempotencyKey: string, index: number, now: Date): ProvinceResult {
  return {
    externalId: taken.externalId,
    status: isOwnEarlierAttempt(taken, idempotencyKey, index, now) ? 'accepted' : 'duplicate',
    recordId: taken.id,
  };
}

function baseItem(r: ProvinceRecord): ProvinceBaseListItem {
  const { idNumber, ...record } = r.record;
  return {
    recordId: r.id,
    ...record,
    idNumberMasked: maskResidentId(idNumber),
    status: baseViewStatus(r),
    credited: r.credited ?? false,
    ...(r.activityStatus ? { activityStatus: r.activityStatus } : {}),
    postedAt: r.postedAt,
  };
}

/** `GET /v1/base/completions` at the province: the base's records, newest first, never saying where they went. */
export async function listProvinceRecordsForBase(
  deps: { records: IntakeDeps['records'] },
  baseId: string,
  query: { cursor?: string; limit: number; externalId?: string },
): Promise<Page<ProvinceBaseListItem>> {
  if (query.externalId !== undefined) {
    const one = await deps.records.get(baseId, query.externalId);
    return { items: one ? [baseItem(one)] : [], cursor: null };
  }
  const page = await deps.records.listByBase(baseId, query);
  return { items: page.items.map(baseItem), cursor: page.cursor };
}

/** The provincial hr office's view of one base's records: which city each went to and how it stands there. */
export function toHrItem(r: ProvinceRecord): ProvinceHrListItem {
  return {
    ...baseItem(r),
    state: r.state,
    ...(r.tenant ? { tenant: r.tenant } : {}),
    ...(r.cityStatus ? { cityStatus: r.cityStatus } : {}),
    sends: r.sends,
    ...(r.sentAt ? { sentAt: r.sentAt } : {}),
    ...(r.deliveredAt ? { deliveredAt: r.deliveredAt } : {}),
  };
}

/** `GET /v1/province/bases/{baseId}/records`: the provincial hr office's view (the base must exist). */
export async function listProvinceRecordsForHr(
  deps: { records: IntakeDeps['records']; bases: IntakeDeps['bases'] },
  principal: Principal,
  baseId: string,
  query: { cursor?: string; limit: number; externalId?: string },
): Promise<Page<ProvinceHrListItem>> {
  assertProvincialHrOffice(principal);
  if (!(await deps.bases.get(baseId))) throw new NotFoundError('base_not_found', '施教机构不存在');
  if (query.externalId !== undefined) {
    const one = await deps.records.get(baseId, query.externalId);
    return { items: one ? [toHrItem(one)] : [], cursor: null };
  }
  const page = await deps.records.listByBase(baseId, query);
  return { items: page.items.map(toHrItem), cursor: page.cursor };
}
