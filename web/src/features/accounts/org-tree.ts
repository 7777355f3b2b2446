import type { Organisation, OrganisationKind } from '../../../../shared/organisation.js';

export const ORG_KIND_LABELS: Record<OrganisationKind, string> = {
  hr_office: '人社部门',
  department: '主管部门',
  unit: '用人单位',
};

export interface OrgNode {
  key: string;
  org: Organisation;
  children: OrgNode[];
}

/**
 * The visible organisations as a tree. The caller's scope may start below the hr office (a
 * department sees itself and its units), so a node whose parent is not visible is a root.
 */
export function buildOrgTree(orgs: readonly Organisation[]): OrgNode[] {
  const nodes = new Map(orgs.map((o) => [o.id, { key: o.id, org: o, children: [] as OrgNode[] }]));
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId ? nodes.get(node.org.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const order = (a: OrgNode, b: OrgNode) =>
    a.org.kind === b.org.kind ? a.org.name.localeCompare(b.org.name, 'zh-CN') : a.org.kind === 'department' ? -1 : 1;
  const sort = (list: OrgNode[]) => {
    list.sort(order);
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}
