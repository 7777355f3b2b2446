import { ForbiddenError } from '../../shared/errors.js';
import { isWithin, type Organisation } from '../../shared/organisation.js';
import type { Principal } from '../auth/principal.js';
import type { OrganisationRepository } from '../ports/organisations.js';

/** The organisations a user may see: their own and everything below it in the tenant's tree. */
export async function listOrganisations(
  deps: { organisations: OrganisationRepository },
  principal: Principal,
): Promise<Organisation[]> {
  const all = await deps.organisations.listAll();
  const own = all.find((o) => o.id === principal.orgId);
  if (!own) throw new ForbiddenError('organisation_unknown', '账号所属单位不存在');
  return all.filter((o) => isWithin(own, o)).sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')));
}
