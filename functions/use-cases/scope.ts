import { NotFoundError, ForbiddenError } from '../../shared/errors.js';
import { isWithin, type Organisation } from '../../shared/organisation.js';
import type { Principal } from '../auth/principal.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import type { PeopleRepository, StoredPerson } from '../ports/records.js';

/**
 * Authorization by organisation (SPEC §6): a user sees only the people of the organisations under
 * theirs, in their own tenant (one stack, one tenant, one account directory). A `person` sees only
 * themself: the person their account is, in the directory. Out-of-scope people answer 404, the same as missing ones,
 * so ids cannot be probed.
 */
export interface Scope {
  principal: Principal;
  own: Organisation;
  visible: Organisation[];
}

export async function loadScope(deps: { organisations: OrganisationRepository }, principal: Principal): Promise<Scope> {
  const all = await deps.organisations.listAll();
  const own = all.find((o) => o.id === principal.orgId);
  if (!own) throw new ForbiddenError('organisation_unknown', '账号所属单位不存在');
  return { principal, own, visible: all.filter((o) => isWithin(own, o)) };
}

export function canSeeUnit(scope: Scope, unitId: string): boolean {
  return scope.visible.some((o) => o.id === unitId && o.kind === 'unit');
}

export function assertUnitInScope(scope: Scope, unitId: string): Organisation {
  const unit = scope.visible.find((o) => o.id === unitId && o.kind === 'unit');
  if (!unit) throw new NotFoundError('unit_not_found', '单位不存在或不在管辖范围内');
  return unit;
}

export async function loadPersonInScope(
  deps: { organisations: OrganisationRepository; people: PeopleRepository },
  principal: Principal,
  personId: string,
): Promise<{ person: StoredPerson; scope: Scope }> {
  const scope = await loadScope(deps, principal);
  const person = await deps.people.get(personId);
  const visible =
    person && (principal.role === 'person' ? (principal.personId ?? principal.userId) === person.id : canSeeUnit(scope, person.unitId));
  if (!person || !visible) throw new NotFoundError('person_not_found', '人员不存在或不在管辖范围内');
  return { person, scope };
}

/** Roles that may change a person's record: the unit's clerk, and the person for themself. */
export function assertMayEditRecords(principal: Principal) {
  if (principal.role !== 'unit_clerk' && principal.role !== 'person') {
    throw new ForbiddenError('role_not_allowed', '当前角色无权修改学时记录');
  }
}
