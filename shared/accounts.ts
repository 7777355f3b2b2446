import type { Role } from './contract';
import { isWithin, type Organisation } from './organisation';

/**
 * Accounts are administered down the tree (rules §6): the hr office manages departments' and units'
 * administrators, a department its units', a unit its people. A unit's administrator is its reviewer;
 * the hr office also keeps its own officers and auditors.
 *
 * Separation of duties (rules §6, December 2026): the accounts that act on a unit's applications — its
 * reviewers and its clerks — are created by the level above it (its department, or the hr office where
 * it has none), never by the unit itself; otherwise a unit reviewer could give themselves a clerk
 * account and carry an application through every unit step alone. A unit reviewer creates `person`
 * accounts only, which act on no application.
 */
const ROLES_AT: Record<Organisation['kind'], readonly Role[]> = {
  hr_office: ['hr_officer', 'auditor'],
  department: ['dept_reviewer'],
  unit: ['unit_reviewer', 'unit_clerk', 'person'],
};

export type AccountDenial = 'role_not_at_org' | 'out_of_scope' | 'not_an_administrator' | 'not_your_level';

export function mayCreateAccount(
  creator: { role: Role; org: Organisation },
  target: { role: Role; org: Organisation },
): { ok: true } | { ok: false; reason: AccountDenial } {
  if (!ROLES_AT[target.org.kind].includes(target.role)) return { ok: false, reason: 'role_not_at_org' };
  if (!isWithin(creator.org, target.org)) return { ok: false, reason: 'out_of_scope' };
  switch (creator.role) {
    case 'hr_officer':
      // Its own office, departments' administrators, and the reviewers and clerks of units — not people.
      return target.role === 'person' ? { ok: false, reason: 'not_your_level' } : { ok: true };
    case 'dept_reviewer':
      return target.role === 'unit_reviewer' || target.role === 'unit_clerk' ? { ok: true } : { ok: false, reason: 'not_your_level' };
    case 'unit_reviewer':
      return target.org.id === creator.org.id && target.role === 'person' ? { ok: true } : { ok: false, reason: 'not_your_level' };
    default:
      return { ok: false, reason: 'not_an_administrator' };
  }
}

export const ACCOUNT_DENIAL_MESSAGES: Record<AccountDenial, string> = {
  role_not_at_org: '该角色不能设在此类组织',
  out_of_scope: '只能为本级及下级组织创建账号',
  not_an_administrator: '当前角色不能管理账号',
  not_your_level: '按分级管理，此类账号应由其他层级创建',
};
