import { createMiddleware } from 'hono/factory';
import type { Role } from '../../shared/contract.js';
import { ForbiddenError, UnauthenticatedError } from '../../shared/errors.js';
import type { Identity, Principal } from '../auth/principal.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { AccountDirectory } from '../ports/accounts.js';
import type { IdentityAdmin } from '../ports/identity.js';
import { resolvePrincipal } from '../use-cases/invitations.js';
import type { AppEnv } from './env.js';

/**
 * Reads `Authorization: Bearer …` when present: the token proves an identity, the account directory
 * (read on every request) gives the principal. It never rejects a missing header by itself: each
 * route states who may call it with `allow`, so public routes stay public. An identity with no
 * account here is kept as `identity` only: it may accept an invitation, nothing else.
 */
export function authenticate(deps: {
  tokens: TokenVerifier;
  accounts: AccountDirectory;
  identity: IdentityAdmin;
  config: { tenant: string };
}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) throw new UnauthenticatedError('invalid_token', '登录凭证格式有误');
      const identity = await deps.tokens.verify(match[1]);
      c.set('identity', identity);
      const principal = await resolvePrincipal(deps, identity);
      if (principal) c.set('principal', principal);
    }
    await next();
  });
}

/**
 * A route's roles, declared once: spread into `createRoute`, the one list becomes both the OpenAPI
 * `x-roles` (which the authorization matrix reads) and the middleware that enforces it, so the
 * document cannot promise other roles than the server lets in. Public operations declare
 * `'x-roles': ['public']` and no middleware; the invitation route `['signed_in']` and checks the identity.
 */
export function allow<const R extends readonly Role[]>(...roles: R) {
  return { 'x-roles': [...roles], middleware: [allowRoles(...roles)] };
}

/**
 * The per-route policy: 401 without a token, 403 `account_not_bound` for a signed-in identity that has
 * no account here yet (the site then asks for the invitation code), 403 when the role is not listed.
 */
export function allowRoles(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.get('principal');
    if (!principal && c.get('identity')) {
      throw new ForbiddenError('account_not_bound', '该登录身份尚未开通本系统账号：请输入管理员发放的邀请码');
    }
    if (!principal) throw new UnauthenticatedError();
    if (!roles.includes(principal.role)) throw new ForbiddenError('role_not_allowed', '当前角色无权执行此操作');
    await next();
  });
}

export function requireIdentity(identity: Identity | undefined): Identity {
  if (!identity) throw new UnauthenticatedError();
  return identity;
}

export function requirePrincipal(principal: Principal | undefined): Principal {
  if (!principal) throw new UnauthenticatedError();
  return principal;
}
