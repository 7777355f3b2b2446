import { createMiddleware } from 'hono/factory';
import { UnauthenticatedError } from '../../shared/errors.js';
import type { AppDeps } from '../deps.js';
import { authenticateApiKey, enforceRateLimit, type BaseCaller } from '../use-cases/bases.js';
import type { AppEnv } from './env.js';

/**
 * The training-base scheme for /v1/base/* (rules §6): `Authorization: Bearer xsk_…`, an API key, not a
 * portal token. Every request is then counted against the key's per-minute limit (429 + Retry-After).
 */
export function authenticateBase(deps: AppDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const caller = await authenticateApiKey(deps, c.req.header('authorization'));
    await enforceRateLimit(deps, caller);
    c.set('base', caller);
    await next();
  });
}

export function requireBase(base: BaseCaller | undefined): BaseCaller {
  if (!base) throw new UnauthenticatedError('api_key_missing', '缺少 API 密钥');
  return base;
}

/** Paths of the base API: the portal's token middleware leaves them to `authenticateBase`. */
export function isBaseApiPath(path: string): boolean {
  return path.startsWith('/v1/base/');
}
