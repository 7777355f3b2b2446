import type { Organisation, OrganisationKind } from '../../../../shared/organisation.js';

export const ORG_KIND_LABELS: Record<OrganisationKind, string> = {
  hr_office: '人社部门',
  department: '主管部门',
  unit: '用人单位',
};

/**
 * The tree screen's state: the levels read so far. A city has tens of thousands of organisations, so
 * the tree opens a level at a time (the children of one organisation, a page at a time) instead of
 * reading the whole tree (issue 19).
 */
export interface OrgLevels {
  /** Every organisation read so far, by id. */
  byId: ReadonlyMap<string, Organisation>;
  /** The children read so far of each opened organisation, and the cursor of the next page if any. */
  children: ReadonlyMap<string, { items: readonly Organisation[]; cursor: string | null }>;
}

export const emptyLevels = (root?: Organisation): OrgLevels => ({
  byId: new Map(root ? [[root.id, root]] : []),
  children: new Map(),
});

/** The levels with one more page of `parentId`'s children (appended to the pages read before). */
export function withChildren(
  levels: OrgLevels,
  parentId: string,
  page: { items: readonly Organisation[]; cursor: string | null },
): OrgLevels {
  const before = levels.children.get(parentId)?.items ?? [];
  const known = new Set(before.map((o) => o.id));
  const byId = new Map(levels.byId);
  for (const o of page.items) byId.set(o.id, o);
  const children = new Map(levels.children);
  children.set(parentId, { items: [...before, ...page.items.filter((o) => !known.has(o.id))], cursor: page.cursor });
  return { byId, children };
}

/** The levels with organisations found elsewhere (a search), so the screen can show their details. */
export function withKnown(levels: OrgLevels, orgs: readonly Organisation[]): OrgLevels {
  const byId = new Map(levels.byId);
  for (const o of orgs) byId.set(o.id, o);
  return { ...levels, byId };
}
