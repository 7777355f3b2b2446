import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { RateLimitedError } from '../../shared/errors.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from './env.js';
import { viewerAddress } from './origin.js';

/**
 * Per-client limits on anonymous public calls that write or that could be used to probe: objections
 * (spam) and certificate verification (walking numbers and codes). The client is the viewer's address
 * as functions/http/origin.ts determines it: behind CloudFront, CloudFront's viewer-address header
 * (trusted only because the origin secret proved the request came through CloudFront); locally, the
 * last X-Forwarded-For entry or the socket. Hashed, so no address is stored.
 */
const LIMITS = { objection: 10, verify: 60 } as const;
const WINDOW_SECONDS = 60;

export async function limitPublicWrites(
  deps: Pick<AppDeps, 'rateLimits' | 'clock' | 'config'>,
  c: Context<AppEnv>,
  kind: keyof typeof LIMITS,
) {
  const client = viewerAddress(c, deps.config.originSecret !== undefined);
  const bucket = `public:${kind}:${createHash('sha256').update(client).digest('hex').slice(0, 32)}`;
  const nowSeconds = Math.floor(deps.clock().getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % WINDOW_SECONDS);
  const count = await deps.rateLimits.hit(bucket, windowStart, windowStart + WINDOW_SECONDS * 2);
  if (count > LIMITS[kind]) throw new RateLimitedError(windowStart + WINDOW_SECONDS - nowSeconds);
}
