import type { Role } from '../../../shared/contract.js';

export const ROLE_LABELS: Record<Role, string> = {
  person: '专业技术人员',
  unit_clerk: '单位经办人',
  unit_reviewer: '单位审核人',
  dept_reviewer: '主管部门审核人',
  hr_officer: '人社部门',
  auditor: '审计（只读）',
};

export interface MenuEntry {
  key: string;
  label: string;
  roles: readonly Role[] | 'public';
  /** Hidden from these roles although public (a person has no use for the base-API guide). */
  hiddenFrom?: readonly Role[];
  /** The task group the entry is listed under in the side menu; none for the home entries. */
  group?: MenuGroup;
}

/** The side menu's groups, by task (issue 14): registering, certifying, statistics, settings, public pages. */
export const MENU_GROUPS = ['登记管理', '学时核认', '统计', '系统管理', '公共服务'] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];

export const RULES_ROLES: readonly Role[] = ['hr_officer', 'auditor'];

/** Everyone who works on other people's records (all portal roles but `person`). */
export const STAFF: readonly Role[] = ['unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'];

/** Excel imports: clerks for their unit, the hr office for the city; the auditor reads them. */
export const IMPORT_ROLES: readonly Role[] = ['unit_clerk', 'hr_officer', 'auditor'];

/** The menu by role; screens of later features add their entries here. */
export const MENU: MenuEntry[] = [
  { key: '/', label: '工作台', roles: STAFF },
  { key: '/me', label: '我的登记手册', roles: ['person'] },
  { key: '/people', label: '人员名单', roles: STAFF, group: '登记管理' },
  { key: '/imports', label: 'Excel导入', roles: IMPORT_ROLES, group: '登记管理' },
  { key: '/filings', label: '培训备案', roles: STAFF, group: '登记管理' },
  { key: '/bases', label: '施教机构', roles: ['hr_officer', 'auditor'], group: '登记管理' },
  { key: '/applications', label: '核认申请', roles: STAFF, group: '学时核认' },
  { key: '/unit-notices', label: '公示管理', roles: STAFF, group: '学时核认' },
  { key: '/batches', label: '报送与备案', roles: ['dept_reviewer', 'hr_officer', 'auditor'], group: '学时核认' },
  { key: '/dashboard', label: '达标统计', roles: STAFF, group: '统计' },
  { key: '/exports', label: 'Excel导出', roles: STAFF, group: '统计' },
  { key: '/organisations', label: '组织与账号', roles: STAFF, group: '系统管理' },
  { key: '/rules', label: '年度规则', roles: RULES_ROLES, group: '系统管理' },
  { key: '/calculator', label: '学时计算器', roles: 'public', group: '公共服务' },
  { key: '/notices', label: '核认公示', roles: 'public', group: '公共服务' },
  { key: '/verify', label: '认定单核验', roles: 'public', group: '公共服务' },
  { key: '/base-api-docs', label: '基地接口文档', roles: 'public', hiddenFrom: ['person'], group: '公共服务' },
];

/**
 * The menu entry a path belongs to: the longest key it starts with (`/people/x` → `/people`), and a
 * person's own book (`/people/{self}`) → `/me`.
 */
export function menuKeyOf(pathname: string, principal?: { role: Role; userId: string; personId?: string }): string | undefined {
  if (principal?.role === 'person' && pathname === `/people/${encodeURIComponent(principal.personId ?? principal.userId)}`) return '/me';
  return MENU.map((m) => m.key)
    .filter((key) => pathname === key || (key !== '/' && pathname.startsWith(`${key}/`)))
    .sort((a, b) => b.length - a.length)[0];
}

export function menuFor(role: Role | undefined): MenuEntry[] {
  return MENU.filter(
    (m) => (m.roles === 'public' || (role !== undefined && m.roles.includes(role))) && !(role && m.hiddenFrom?.includes(role)),
  );
}

export interface MenuItem {
  key: string;
  label: string;
  /** A task group: a heading over its entries. */
  children?: { key: string; label: string }[];
}

/** The side menu's items: the home entries first, then each task group the role has entries in. */
export function menuItemsFor(role: Role | undefined): MenuItem[] {
  const entries = menuFor(role);
  const items: MenuItem[] = entries.filter((e) => !e.group).map((e) => ({ key: e.key, label: e.label }));
  for (const group of MENU_GROUPS) {
    const children = entries.filter((e) => e.group === group).map((e) => ({ key: e.key, label: e.label }));
    if (children.length) items.push({ key: `group:${group}`, label: group, children });
  }
  return items;
}
