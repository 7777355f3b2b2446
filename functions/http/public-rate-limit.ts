import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { RateLimitedError } from '../../shared/errors.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from './env.js';

/**
 * Per-client limits on anonymous public calls that write or that could be used to probe: objections
 * (spam) and certificate verification (walking numbers and codes). The client is the LAST address of
 * X-Forwarded-For: CloudFront appends the viewer's address to whatever the client sent, so the entries
 * before it are the client's own choosing and the last one is not. Hashed, so no address is stored.
 */
const LIMITS = { objection: 10, verify: 60 } as const;
const WINDOW_SECONDS = 60;

export async function limitPublicWrites(deps: Pick<AppDeps, 'rateLimits' | 'clock'>, c: Context<AppEnv>, kind: keyof typeof LIMITS) {
  const client = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() || 'unknown';
  const bucket = `public:${kind}:${createHash('sha256').update(client).digest('hex').slice(0, 32)}`;
  const nowSeconds = Math.floor(deps.clock().getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % WINDOW_SECONDS);
  const count = await deps.rateLimits.hit(bucket, windowStart, windowStart + WINDOW_SECONDS * 2);
  if (count > LIMITS[kind]) throw new RateLimitedError(windowStart + WINDOW_SECONDS - nowSeconds);
}
