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
}

/** The menu by role; screens of later features add their entries here. */
export const MENU: MenuEntry[] = [
  { key: '/', label: '工作台', roles: ['person', 'unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'] },
  { key: '/calculator', label: '学时计算器', roles: 'public' },
];

export function menuFor(role: Role | undefined): MenuEntry[] {
  return MENU.filter((m) => m.roles === 'public' || (role !== undefined && m.roles.includes(role)));
}
