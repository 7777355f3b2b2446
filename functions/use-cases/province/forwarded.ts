import type { TrainingBase } from '../../../shared/bases.js';
import type { TenantCode } from '../../../shared/contract.js';
import { ConflictError } from '../../../shared/errors.js';
import type { ForwardMessage, Receipt } from '../../../shared/province.js';
import type { BaseRepository } from '../../ports/bases.js';
import type { ForwardedBaseLookup, RegistrationPublisher } from '../../ports/province.js';
import { ingestRecords, type CompletionDeps } from '../base-completions.js';
import type { BaseCaller } from '../bases.js';

export interface ForwardedDeps extends CompletionDeps {
  bases: BaseRepository;
  forwardedBases: ForwardedBaseLookup;
  tenant: TenantCode;
  /** The tenant's registration hook (wired here so the local stack can attach it). */
  registrations?: RegistrationPublisher;
}

/** The key prefix a forwarded record's posting and audit trail carry: it came through the province, not a key of this tenant. */
export const PROVINCE_KEY_PREFIX = 'province';

/**
 * The tenant's consumer of the province's forward messages (its SQS queue in AWS). The records go
 * through the same ingest as the tenant's own base API — matching, crediting, unmatched waiting — under
 * the tenant's own record of the base, so a record the base also posted here directly is the same
 * (base, externalId) and is credited once. Redelivery is harmless for the same reason. Answers the
 * province with a receipt per record: its posting as it stands now.
 */
export async function receiveForwarded(deps: ForwardedDeps, message: ForwardMessage): Promise<Receipt[]> {
  if (message.tenant !== deps.tenant) throw new Error(`a forward message for ${message.tenant} reached tenant ${deps.tenant}`);
  const base = await tenantBase(deps, message.base);
  const caller: BaseCaller = { baseId: base.id, baseName: base.name, keyPrefix: PROVINCE_KEY_PREFIX };
  await ingestRecords(
    deps,
    caller,
    message.records.map((r) => r.record),
    `province:${message.id}`,
  );
  const postings = await deps.postings.getMany(
    base.id,
    message.records.map((r) => r.record.externalId),
  );
  const at = deps.clock().toISOString();
  return message.records.flatMap(({ provinceRecordId, record }): Receipt[] => {
    const posting = postings.get(record.externalId);
    // No posting: the tenant rejected it (the province checks the same rules, so only a clock edge); it is resent and seen again.
    if (!posting) return [];
    return [
      {
        provinceRecordId,
        provinceBaseId: message.base.id,
        externalId: record.externalId,
        tenant: deps.tenant,
        cityRecordId: posting.id,
        status: posting.status,
        credited: posting.credited,
        ...(posting.activityStatus ? { activityStatus: posting.activityStatus } : {}),
        at,
      },
    ];
  });
}

/**
 * The tenant's own record of a province base: the one its hr office registered (found by credit
 * code: national and provincial bases were registered in every tenant before the province intake), or
 * one made now from the province's register, without keys: it posts here only through the province.
 */
async function tenantBase(deps: ForwardedDeps, from: ForwardMessage['base']): Promise<TrainingBase> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const id = await deps.forwardedBases.idByCreditCode(from.creditCode);
    const existing = id ? await deps.bases.get(id) : undefined;
    if (existing) return existing;
    const at = deps.clock().toISOString();
    const base: TrainingBase = {
      id: from.id,
      name: from.name,
      creditCode: from.creditCode,
      level: from.level,
      createdAt: at,
      createdBy: 'system:province',
    };
    try {
      await deps.bases.create(base, {
        id: deps.newId(),
        entity: 'base',
        entityId: base.id,
        action: 'create',
        actor: 'system:province',
        actorName: '系统（省级统一报送转来记录时登记基地）',
        role: 'system',
        at,
        after: base,
      });
      return base;
    } catch (err) {
      // Registered meanwhile by a concurrent delivery: read it again.
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  throw new Error('the province base could not be registered in this tenant');
}
