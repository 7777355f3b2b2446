import * as z from 'zod';
import { ROLES, type Role } from './contract';
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

/**
 * `creating`: claimed, identity provider not yet done; `invited`: waiting for its first sign-in with
 * the invitation; `active`: bound to one identity; `disabled`: refused at its next request.
 */
export const ACCOUNT_STATUSES = ['creating', 'invited', 'active', 'disabled'] as const;

/** The signed-in user as the portal sees them (GET /v1/me, POST /v1/invitations/accept). */
export const PrincipalSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    orgId: z.string(),
    tenant: z.string(),
    personId: z.string().optional(),
  })
  .meta({ id: 'Principal' });
export type Principal = z.infer<typeof PrincipalSchema>;

/** An account as the portal lists it: never the bound subject, the sign-in e-mail or the invitation's hash. */
export const AccountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    orgId: z.string(),
    status: z.enum(ACCOUNT_STATUSES),
    personId: z.string().optional(),
    /** When the identity was bound at first sign-in. */
    boundAt: z.string().optional(),
    /** When the current invitation ends (the code itself is shown once, when issued). */
    invitationExpiresAt: z.string().optional(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof AccountSchema>;

/** A one-time invitation: the code is shown once, when issued; the server keeps only its hash. */
export const InvitationSchema = z
  .object({ code: z.string().describe('Shown once: only its hash is stored.'), expiresAt: z.string() })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof InvitationSchema>;
