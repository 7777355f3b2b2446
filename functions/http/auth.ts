import { createMiddleware } from 'hono/factory';
import type { Role } from '../../shared/contract.js';
import { ForbiddenError, UnauthenticatedError } from '../../shared/errors.js';
import type { Principal } from '../auth/principal.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { AppEnv } from './env.js';

/**
 * Reads `Authorization: Bearer …` when present and sets the principal. It never rejects by itself:
 * each route states who may call it with `allowRoles`, so public routes stay public.
 */
export function authenticate(tokens: TokenVerifier, tenant: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) throw new UnauthenticatedError('invalid_token', '登录凭证格式有误');
      const principal = await tokens.verify(match[1]);
      // Each stack serves one tenant; a token minted for another must not open this one.
      if (principal.tenant !== tenant) throw new ForbiddenError('wrong_tenant', '该账号不属于本地区');
      c.set('principal', principal);
    }
    await next();
  });
}

/** The per-route policy: 401 without a principal, 403 when the role is not listed. */
export function allowRoles(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.get('principal');
    if (!principal) throw new UnauthenticatedError();
    if (!roles.includes(principal.role)) throw new ForbiddenError('role_not_allowed', '当前角色无权执行此操作');
    await next();
  });
}

export function requirePrincipal(principal: Principal | undefined): Principal {
  if (!principal) throw new UnauthenticatedError();
  return principal;
}
