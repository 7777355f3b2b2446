import { isValidCreditCode, normaliseCreditCode } from '../../shared/credit-code.js';
import { NotFoundError } from '../../shared/errors.js';
import { isWithin, type Organisation, type OrganisationKind } from '../../shared/organisation.js';
import type { Principal } from '../auth/principal.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import type { Page } from '../ports/records.js';
import { everyItem } from './paging.js';
import { loadScope, visibleOrganisation } from './scope.js';

export interface OrganisationQuery {
  /** The children of this organisation (in scope): the tree screen opens a level at a time. */
  parentId?: string;
  /** A name fragment or a 统一社会信用代码. */
  q?: string;
  kind?: OrganisationKind;
  cursor?: string;
  limit: number;
}

/**
 * The organisations a user may see, a page at a time: the children of one (`parentId`), those whose
 * name contains `q` or that hold the credit code `q`, or — with neither — their own followed by
 * everything below it in tree order. Never the whole tree in one answer (issue 19).
 */
export async function listOrganisations(
  deps: { organisations: OrganisationRepository },
  principal: Principal,
  query: OrganisationQuery,
): Promise<Page<Organisation>> {
  const scope = await loadScope(deps, principal);
  const ofKind = (o: Organisation) => !query.kind || o.kind === query.kind;
  const q = query.q?.trim();
  if (q && isValidCreditCode(q)) {
    const org = await deps.organisations.findByCreditCode(normaliseCreditCode(q));
    return { items: org && isWithin(scope.own, org) && ofKind(org) ? [org] : [], cursor: null };
  }
  if (q) return deps.organisations.searchByName(q, { withinId: scope.own.id, kind: query.kind, limit: query.limit, cursor: query.cursor });
  if (query.parentId) {
    if (!(await visibleOrganisation(scope, query.parentId)))
      throw new NotFoundError('organisation_not_found', '组织不存在或不在管辖范围内');
    const page = await deps.organisations.listChildren(query.parentId, { limit: query.limit, cursor: query.cursor });
    return { items: page.items.filter(ofKind), cursor: page.cursor };
  }
  const page = await deps.organisations.listBelow(scope.own.id, { limit: query.limit, cursor: query.cursor });
  // The caller's own organisation heads the first page, as the tree's root.
  const items = [...(query.cursor ? [] : [scope.own]), ...page.items].filter(ofKind);
  return { items, cursor: page.cursor };
}

/** The most units one lookup answers: a picker shows a short list and the user types more. */
export const UNIT_LOOKUP_LIMIT = 20;

/**
 * Units of the tenant by name or credit code, for pickers that choose a unit outside the caller's own
 * scope — the receiving unit of a transfer (issue 14: "names, never codes"). Employers' names are not
 * personal data; the answer carries nothing but each unit's id, name and its department's name.
 */
export async function lookupUnits(
  deps: { organisations: OrganisationRepository },
  q: string,
): Promise<{ id: string; name: string; parentName?: string }[]> {
  const needle = q.trim();
  if (!needle) return [];
  let units: Organisation[];
  if (isValidCreditCode(needle)) {
    const org = await deps.organisations.findByCreditCode(normaliseCreditCode(needle));
    units = org?.kind === 'unit' ? [org] : [];
  } else {
    units = (await deps.organisations.searchByName(needle, { kind: 'unit', limit: UNIT_LOOKUP_LIMIT })).items;
  }
  units.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const parents = new Map(
    (await deps.organisations.getMany([...new Set(units.map((u) => u.parentId).filter((id): id is string => !!id))])).map((o) => [
      o.id,
      o.name,
    ]),
  );
  return units.map((o) => {
    const parentName = o.parentId ? parents.get(o.parentId) : undefined;
    return { id: o.id, name: o.name, ...(parentName ? { parentName } : {}) };
  });
}

/** The units at or below `org` (a unit is its own), a subtree page at a time: as many as the subtree holds. */
export async function unitsWithin(organisations: OrganisationRepository, org: Organisation): Promise<Organisation[]> {
  const below = await everyItem((page) => organisations.listBelow(org.id, { limit: 500, ...page }));
  return [...(org.kind === 'unit' ? [org] : []), ...below.filter((o) => o.kind === 'unit')];
}

/** The organisations directly under `parentId`, every page: as many reads as organisations shown. */
export async function childrenOf(organisations: OrganisationRepository, parentId: string): Promise<Organisation[]> {
  return everyItem((page) => organisations.listChildren(parentId, { limit: 500, ...page }));
}
