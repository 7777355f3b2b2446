import { NotFoundError, ForbiddenError } from '../../shared/errors.js';
import { isWithin, type Organisation } from '../../shared/organisation.js';
import type { Principal } from '../auth/principal.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import type { PeopleRepository, StoredPerson } from '../ports/records.js';

/**
 * Authorization by organisation (rules §6): a user sees only the people of the organisations under
 * theirs, in their own tenant (one stack, one tenant, one account directory). A `person` sees only
 * themself: the person their account is, in the directory. Out-of-scope people answer 404, the same as missing ones,
 * so ids cannot be probed.
 *
 * Every organisation carries its path from the root, so "is X under mine" needs two items — the
 * account's organisation and X — never the tree (issue 19: a city has tens of thousands). A scope
 * remembers the organisations it has read, so one request reads each at most once.
 */
export interface Scope {
  principal: Principal;
  own: Organisation;
  /** Organisations by id, read through the request's cache; unknown ids are left out. */
  organisations(ids: readonly string[]): Promise<Map<string, Organisation>>;
}

export async function loadScope(deps: { organisations: OrganisationRepository }, principal: Principal): Promise<Scope> {
  const own = await deps.organisations.get(principal.orgId);
  if (!own) throw new ForbiddenError('organisation_unknown', '账号所属单位不存在');
  const cache = new Map<string, Organisation | null>([[own.id, own]]);
  return {
    principal,
    own,
    async organisations(ids) {
      const missing = [...new Set(ids)].filter((id) => id && !cache.has(id));
      if (missing.length) {
        const found = await deps.organisations.getMany(missing);
        for (const id of missing) cache.set(id, null);
        for (const org of found) cache.set(org.id, org);
      }
      const out = new Map<string, Organisation>();
      for (const id of ids) {
        const org = cache.get(id);
        if (org) out.set(id, org);
      }
      return out;
    },
  };
}

/** The organisations among `ids` that are the scope's own or below it (one BatchGet for those not read yet). */
export async function visibleOrganisations(scope: Scope, ids: readonly string[]): Promise<Map<string, Organisation>> {
  const found = await scope.organisations(ids);
  for (const [id, org] of found) if (!isWithin(scope.own, org)) found.delete(id);
  return found;
}

/** The organisation if it is the scope's own or below it. */
export async function visibleOrganisation(scope: Scope, id: string): Promise<Organisation | undefined> {
  return (await visibleOrganisations(scope, [id])).get(id);
}

/** The ids among `unitIds` that are units in scope: filters a page of items by their unit in one read. */
export async function visibleUnitIds(scope: Scope, unitIds: readonly string[]): Promise<Set<string>> {
  const found = await visibleOrganisations(scope, unitIds);
  return new Set([...found.values()].filter((o) => o.kind === 'unit').map((o) => o.id));
}

export async function canSeeUnit(scope: Scope, unitId: string): Promise<boolean> {
  return (await visibleUnitIds(scope, [unitId])).has(unitId);
}

export async function assertUnitInScope(scope: Scope, unitId: string): Promise<Organisation> {
  const unit = await visibleOrganisation(scope, unitId);
  if (!unit || unit.kind !== 'unit') throw new NotFoundError('unit_not_found', '单位不存在或不在管辖范围内');
  return unit;
}

export async function loadPersonInScope(
  deps: { organisations: OrganisationRepository; people: PeopleRepository },
  principal: Principal,
  personId: string,
): Promise<{ person: StoredPerson; scope: Scope }> {
  const [scope, person] = await Promise.all([loadScope(deps, principal), deps.people.get(personId)]);
  const visible =
    person &&
    (principal.role === 'person' ? (principal.personId ?? principal.userId) === person.id : await canSeeUnit(scope, person.unitId));
  if (!person || !visible) throw new NotFoundError('person_not_found', '人员不存在或不在管辖范围内');
  return { person, scope };
}

/** Roles that may change a person's record: the unit's clerk, and the person for themself. */
export function assertMayEditRecords(principal: Principal) {
  if (principal.role !== 'unit_clerk' && principal.role !== 'person') {
    throw new ForbiddenError('role_not_allowed', '当前角色无权修改学时记录');
  }
}
