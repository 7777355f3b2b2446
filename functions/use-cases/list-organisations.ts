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

/** The most units one lookup answers: a picker shows a short list and the user types more. */
export const UNIT_LOOKUP_LIMIT = 20;

/**
 * Units of the tenant by name, for pickers that choose a unit outside the caller's own scope — the
 * receiving unit of a transfer (issue 14: "names, never codes"). Employers' names are not personal data;
 * the answer carries nothing but each unit's id, name and its department's name.
 */
export async function lookupUnits(
  deps: { organisations: OrganisationRepository },
  q: string,
): Promise<{ id: string; name: string; parentName?: string }[]> {
  const needle = q.trim().toLowerCase();
  if (!needle) return [];
  const all = await deps.organisations.listAll();
  const names = new Map(all.map((o) => [o.id, o.name]));
  return all
    .filter((o) => o.kind === 'unit' && o.name.toLowerCase().includes(needle))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, UNIT_LOOKUP_LIMIT)
    .map((o) => {
      const parentName = o.parentId ? names.get(o.parentId) : undefined;
      return { id: o.id, name: o.name, ...(parentName ? { parentName } : {}) };
    });
}
