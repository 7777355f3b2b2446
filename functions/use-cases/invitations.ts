import { createHash, randomInt } from 'node:crypto';
import * as z from 'zod';
import { ACCOUNT_DENIAL_MESSAGES, mayCreateAccount } from '../../shared/accounts.js';
import type { Role } from '../../shared/contract.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../../shared/errors.js';
import type { Identity, Principal } from '../auth/principal.js';
import type { AccountDirectory, AccountEntry } from '../ports/accounts.js';
import type { IdentityAdmin } from '../ports/identity.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import { auditBy } from './audit-event.js';
import { loadScope, visibleOrganisation } from './scope.js';

/** An invitation is good for 7 days: long enough for a notice by post or a week's leave, short enough to lose no sleep over. */
export const INVITATION_TTL_DAYS = 7;
/** No 0/O, 1/I/L: the code is read aloud and typed from paper. 12 of 31 symbols ≈ 59 bits. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export interface IssuedInvitation {
  /** Shown once, to the administrator who created or re-issued it; only its hash is kept. */
  code: string;
  expiresAt: string;
}

interface InvitationDeps {
  accounts: AccountDirectory;
  organisations: OrganisationRepository;
  clock: () => Date;
  newId: () => string;
}

export function hashInvitationCode(code: string): string {
  const normal = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return createHash('sha256').update(`xueshi-invitation|${normal}`).digest('hex');
}

function newInvitationCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

/** A fresh code for an account nobody has signed in to: any earlier code of it stops working. */
export async function issueInvitation(deps: InvitationDeps, principal: Principal, account: AccountEntry): Promise<IssuedInvitation> {
  const code = newInvitationCode();
  const expiresAt = new Date(deps.clock().getTime() + INVITATION_TTL_DAYS * 86_400_000).toISOString();
  await deps.accounts.invite(
    account.id,
    { codeHash: hashInvitationCode(code), accountId: account.id, expiresAt },
    auditBy(deps, principal, { entity: 'account', entityId: account.id, action: 'invite', after: { expiresAt } }),
  );
  return { code, expiresAt };
}

/**
 * The account an administrator may act on: the same rule as creating it (rules §6, down the tree), so
 * whoever could create an account re-issues, revokes, disables and enables it. Others see 404.
 */
async function administeredAccount(deps: InvitationDeps, principal: Principal, accountId: string): Promise<AccountEntry> {
  const account = await deps.accounts.get(accountId);
  const scope = await loadScope(deps, principal);
  const org = account && (await visibleOrganisation(scope, account.orgId));
  if (!account || !org) throw new NotFoundError('account_not_found', '账号不存在或不在管辖范围内');
  const allowed = mayCreateAccount({ role: principal.role, org: scope.own }, { role: account.role, org });
  if (!allowed.ok) throw new ForbiddenError(allowed.reason, ACCOUNT_DENIAL_MESSAGES[allowed.reason]);
  return account;
}

export async function reissueInvitation(deps: InvitationDeps, principal: Principal, accountId: string): Promise<IssuedInvitation> {
  const account = await administeredAccount(deps, principal, accountId);
  if (account.status !== 'invited') throw new ConflictError('invitation_not_allowed', '该账号已绑定登录身份，无需邀请');
  return issueInvitation(deps, principal, account);
}

export async function revokeInvitation(deps: InvitationDeps, principal: Principal, accountId: string): Promise<void> {
  await administeredAccount(deps, principal, accountId);
  await deps.accounts.revokeInvitation(
    accountId,
    auditBy(deps, principal, { entity: 'account', entityId: accountId, action: 'revoke_invitation' }),
  );
}

export async function setAccountStatus(
  deps: InvitationDeps,
  principal: Principal,
  accountId: string,
  status: 'active' | 'disabled',
): Promise<AccountEntry> {
  const account = await administeredAccount(deps, principal, accountId);
  if (account.id === principal.userId) throw new ForbiddenError('own_account', '不能停用或恢复本人账号');
  await deps.accounts.setStatus(
    accountId,
    status,
    auditBy(deps, principal, { entity: 'account', entityId: accountId, action: status === 'disabled' ? 'disable' : 'enable' }),
  );
  return { ...account, status };
}

export const AcceptInvitationSchema = z.object({ code: z.string().trim().min(12).max(40) }).meta({ id: 'AcceptInvitation' });

/**
 * First sign-in: binds the signed-in identity to the account the code opens. The identity proves who
 * signs in; the code proves the administrator meant this account for them. An identity that already
 * has an account is refused (one identity, one account), as is a used, revoked or expired code.
 */
export async function acceptInvitation(
  deps: InvitationDeps & { config: { tenant: string } },
  identity: Identity,
  input: z.infer<typeof AcceptInvitationSchema>,
): Promise<Principal> {
  if (await deps.accounts.findBySubject(identity.subject)) {
    throw new ConflictError('identity_has_account', '该登录身份已绑定其他账号；一人只能有一个账号');
  }
  const invitation = await deps.accounts.findInvitation(hashInvitationCode(input.code));
  const now = deps.clock();
  if (!invitation || invitation.expiresAt <= now.toISOString()) {
    throw new RuleViolationError('invitation_invalid', '邀请码无效或已过期，请联系管理员重新发放');
  }
  const account = await deps.accounts.get(invitation.accountId);
  if (!account || account.status !== 'invited') throw new ConflictError('invitation_used', '邀请码已失效，请联系管理员重新发放');
  const principal = principalOf(account, deps.config.tenant);
  await deps.accounts.bind(
    invitation,
    { subject: identity.subject, issuer: identity.issuer },
    now.toISOString(),
    auditBy(deps, principal, { entity: 'account', entityId: account.id, action: 'bind', after: { issuer: identity.issuer } }),
  );
  return principal;
}

function principalOf(account: AccountEntry, tenant: string): Principal {
  return {
    userId: account.id,
    name: account.name,
    role: account.role,
    orgId: account.orgId,
    tenant,
    ...(account.personId ? { personId: account.personId } : {}),
  };
}

/** The roles that need a second factor at sign-in (issue 13): they approve, publish and issue. */
export const PRIVILEGED_ROLES: readonly Role[] = ['hr_officer', 'dept_reviewer', 'unit_reviewer'];

/**
 * Every request: the account bound to the identity, from the directory. Undefined when the identity
 * has no account here (it may accept an invitation); a disabled account is refused at once; a
 * privileged role without the second factor the stack requires is refused with what to do.
 */
export async function resolvePrincipal(
  deps: { accounts: AccountDirectory; identity: IdentityAdmin; config: { tenant: string } },
  identity: Identity,
): Promise<Principal | undefined> {
  const account = await deps.accounts.findBySubject(identity.subject);
  if (!account) return undefined;
  if (account.status === 'disabled') throw new ForbiddenError('account_disabled', '该账号已停用，请联系管理员');
  if (account.status !== 'active') return undefined;
  if (PRIVILEGED_ROLES.includes(account.role)) {
    const check = await deps.identity.secondFactor(identity);
    if (!check.ok) throw new ForbiddenError('second_factor_required', check.message);
  }
  return principalOf(account, deps.config.tenant);
}
