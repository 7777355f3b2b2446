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
  /** A submenu the entry sits in when the role sees more than one entry of it (keeps the top bar short). */
  group?: string;
}

/** The hr office's settings: the organisation tree and accounts, and the yearly rules. */
export const SETTINGS_GROUP = '设置';
export const RULES_ROLES: readonly Role[] = ['hr_officer', 'auditor'];

/** Everyone who works on other people's records (all portal roles but `person`). */
export const STAFF: readonly Role[] = ['unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'];

/** Excel imports: clerks for their unit, the hr office for the city; the auditor reads them. */
export const IMPORT_ROLES: readonly Role[] = ['unit_clerk', 'hr_officer', 'auditor'];

/** The menu by role; screens of later features add their entries here. */
export const MENU: MenuEntry[] = [
  { key: '/', label: '工作台', roles: STAFF },
  { key: '/me', label: '我的登记手册', roles: ['person'] },
  { key: '/people', label: '人员名单', roles: STAFF },
  { key: '/dashboard', label: '达标统计', roles: STAFF },
  { key: '/imports', label: 'Excel导入', roles: IMPORT_ROLES },
  { key: '/applications', label: '核认申请', roles: STAFF },
  { key: '/unit-notices', label: '公示管理', roles: STAFF },
  { key: '/batches', label: '报送与备案', roles: ['dept_reviewer', 'hr_officer', 'auditor'] },
  { key: '/filings', label: '培训备案', roles: STAFF },
  { key: '/bases', label: '施教机构', roles: ['hr_officer', 'auditor'] },
  { key: '/organisations', label: '组织与账号', roles: STAFF, group: SETTINGS_GROUP },
  { key: '/rules', label: '年度规则', roles: RULES_ROLES, group: SETTINGS_GROUP },
  { key: '/calculator', label: '学时计算器', roles: 'public' },
  { key: '/notices', label: '核认公示', roles: 'public' },
  { key: '/verify', label: '认定单核验', roles: 'public' },
  { key: '/base-api-docs', label: '基地接口文档', roles: 'public' },
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
  return MENU.filter((m) => m.roles === 'public' || (role !== undefined && m.roles.includes(role)));
}

export interface MenuItem {
  key: string;
  label: string;
  children?: { key: string; label: string }[];
}

/**
 * The top bar's items: a group's entries become one submenu, in the place of its first entry, when the
 * role sees two or more of them; a lone entry stays on the bar.
 */
export function menuItemsFor(role: Role | undefined): MenuItem[] {
  const entries = menuFor(role);
  const items: MenuItem[] = [];
  for (const entry of entries) {
    const siblings = entry.group ? entries.filter((e) => e.group === entry.group) : [];
    if (siblings.length < 2) items.push({ key: entry.key, label: entry.label });
    else if (siblings[0] === entry) {
      items.push({ key: `group:${entry.group}`, label: entry.group!, children: siblings.map((e) => ({ key: e.key, label: e.label })) });
    }
  }
  return items;
}
