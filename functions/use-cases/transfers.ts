import type * as z from 'zod';
import { ForbiddenError, NotFoundError, RuleViolationError } from '../../shared/errors.js';
import { maskResidentId } from '../../shared/mask.js';
import type { TransferDecisionSchema, TransferRequest, TransferRequestListItem } from '../../shared/transfers.js';
import type { Principal } from '../auth/principal.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import type { PeopleRepository, StoredPerson, UnitMembership } from '../ports/records.js';
import type { TransferRequestRepository } from '../ports/transfers.js';
import { auditBy } from './audit-event.js';
import { recomputeBooks, type RecomputeDeps } from './recompute-books.js';
import { loadScope, visibleUnitIds } from './scope.js';

export interface TransferDeps extends RecomputeDeps {
  organisations: OrganisationRepository;
  people: PeopleRepository;
  transfers: TransferRequestRepository;
  clock: () => Date;
  newId: () => string;
}

/**
 * A clerk registered (or imported) an ID held by a person outside their scope: the request waits for
 * the hr office or the person's current unit. The caller answers the clerk with REFERRED_TO_HR only.
 */
export async function referRegistration(
  deps: Pick<TransferDeps, 'transfers' | 'clock' | 'newId'>,
  principal: Principal,
  input: { person: StoredPerson; requestedName: string; toUnitId: string; source: TransferRequest['source'] },
): Promise<TransferRequest> {
  const request: TransferRequest = {
    id: deps.newId(),
    personId: input.person.id,
    fromUnitId: input.person.unitId,
    toUnitId: input.toUnitId,
    requestedName: input.requestedName,
    idNumberMasked: maskResidentId(input.person.idNumber),
    source: input.source,
    status: 'open',
    createdAt: deps.clock().toISOString(),
    createdBy: principal.userId,
    version: 1,
  };
  await deps.transfers.create(
    request,
    auditBy(deps, principal, { entity: 'transfer_request', entityId: request.id, action: 'create', to: 'open' }),
  );
  return request;
}

const RESOLVERS = ['hr_officer', 'unit_clerk', 'unit_reviewer'] as const;

/**
 * Who resolves: the hr office, or the staff of the person's current unit. The requesting unit is not
 * shown the request (it would tell it whose ID it typed); it sees the person once they are moved.
 */
function mayResolve(principal: Principal, scopeSees: (unitId: string) => boolean, request: TransferRequest) {
  if (principal.role === 'hr_officer') return true;
  return (RESOLVERS as readonly string[]).includes(principal.role) && scopeSees(request.fromUnitId);
}

/** The open requests the caller may resolve (the hr office all; auditors read all), oldest first. */
export async function listTransferRequests(deps: TransferDeps, principal: Principal): Promise<TransferRequestListItem[]> {
  const scope = await loadScope(deps, principal);
  const open = await deps.transfers.listOpen();
  // The requests' units in one read each (BatchGet), never the tree.
  const seen = await visibleUnitIds(
    scope,
    open.map((r) => r.fromUnitId),
  );
  const mine = principal.role === 'auditor' ? open : open.filter((r) => mayResolve(principal, (u) => seen.has(u), r));
  // Named for the screen: whoever resolves sees the person and both units by name, never by code.
  const [organisations, people] = await Promise.all([
    scope.organisations(mine.flatMap((r) => [r.fromUnitId, r.toUnitId])),
    deps.people.getMany([...new Set(mine.map((r) => r.personId))]),
  ]);
  const orgName = (id: string) => organisations.get(id)?.name ?? '';
  const personName = new Map(people.map((p) => [p.id, p.name]));
  return mine.map((r) => ({
    ...r,
    personName: personName.get(r.personId) ?? '',
    fromUnitName: orgName(r.fromUnitId),
    toUnitName: orgName(r.toUnitId),
  }));
}

/** Accept (the person moves to the requesting unit, history kept) or decline, with a reason. */
export async function resolveTransferRequest(
  deps: TransferDeps,
  principal: Principal,
  id: string,
  input: z.infer<typeof TransferDecisionSchema>,
): Promise<TransferRequest> {
  if (!(RESOLVERS as readonly string[]).includes(principal.role)) throw new ForbiddenError('role_not_allowed', '当前角色不能处理调入申请');
  const scope = await loadScope(deps, principal);
  const request = await deps.transfers.get(id);
  const seen = request ? await visibleUnitIds(scope, [request.fromUnitId]) : new Set<string>();
  if (!request || !mayResolve(principal, (u) => seen.has(u), request)) {
    throw new NotFoundError('transfer_request_not_found', '调入申请不存在或不在管辖范围内');
  }
  if (request.status !== 'open') throw new RuleViolationError('transfer_request_resolved', '该调入申请已处理');
  const at = deps.clock().toISOString();
  const resolved: TransferRequest = {
    ...request,
    status: input.decision === 'accept' ? 'accepted' : 'declined',
    resolvedAt: at,
    resolvedBy: principal.userId,
    reason: input.reason,
    version: request.version + 1,
  };
  const audit = auditBy(deps, principal, {
    entity: 'transfer_request',
    entityId: id,
    action: input.decision,
    from: 'open',
    to: resolved.status,
    reason: input.reason,
  });
  if (input.decision === 'decline') {
    await deps.transfers.resolve(resolved, input.version, audit);
    return resolved;
  }
  const person = await deps.people.get(request.personId);
  if (!person) throw new NotFoundError('person_not_found', '人员不存在');
  if (person.unitId !== request.fromUnitId) throw new RuleViolationError('person_moved', '该人员已调离原单位，请拒绝本申请后由现单位处理');
  // The request first (one resolver wins), then the move, as transferPerson does it.
  await deps.transfers.resolve(resolved, input.version, audit);
  const moved: StoredPerson = { ...person, unitId: request.toUnitId, version: person.version + 1, updatedAt: at };
  const membership: UnitMembership = {
    unitId: request.toUnitId,
    from: at,
    by: principal.userId,
    reason: `调入申请 ${id}：${input.reason}`,
  };
  await deps.people.update(
    moved,
    person.version,
    auditBy(deps, principal, {
      entity: 'person',
      entityId: person.id,
      action: 'transfer',
      from: person.unitId,
      to: request.toUnitId,
      reason: input.reason,
    }),
    membership,
  );
  await recomputeBooks(deps, person.id);
  return resolved;
}
