import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { ORIGIN_SECRET_HEADER, VIEWER_ADDRESS_HEADER } from '../../shared/contract.js';
import type { AppEnv } from './env.js';
import { errorBody } from './errors.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * In AWS the API answers CloudFront only: CloudFront adds the stack's origin secret to every request
 * it forwards (a custom origin header, which overwrites any value a viewer sends), and a request
 * without it — someone calling the execute-api endpoint directly, with headers of their choosing —
 * is refused before anything else runs. No secret configured (local): nothing to check.
 */
export function requireCloudFront(secret: string | undefined): MiddlewareHandler<AppEnv> {
  if (secret === undefined) return (_c, next) => next();
  const expected = digest(secret);
  return async (c, next) => {
    const sent = c.req.header(ORIGIN_SECRET_HEADER);
    if (sent === undefined || !timingSafeEqual(digest(sent), expected)) {
      return c.json(errorBody('origin_forbidden', '请通过本系统网址访问', undefined, c.get('requestId')), 403);
    }
    await next();
  };
}

/**
 * The address the public limits count per client.
 *
 * - Behind CloudFront (the origin secret is configured, so requireCloudFront has already checked the
 *   request came through it): CloudFront's own `CloudFront-Viewer-Address` header, which no client
 *   can set; its port is dropped. Should the header ever be missing (a distribution not forwarding
 *   it), the X-Forwarded-For entry CloudFront appended — the second to last, API Gateway having
 *   appended the edge's address after it.
 * - Locally (no secret): the last X-Forwarded-For entry, which a proxy in front of `npm start`
 *   appends, else the socket's own address.
 */
export function viewerAddress(c: Context<AppEnv>, behindCloudFront: boolean): string {
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (behindCloudFront) {
    const viewer = c.req.header(VIEWER_ADDRESS_HEADER)?.trim();
    if (viewer) return withoutPort(viewer);
    return forwarded.at(-2) ?? forwarded.at(-1) ?? 'unknown';
  }
  const socket = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
  return forwarded.at(-1) ?? socket ?? 'unknown';
}

/** `198.51.100.7:46532` → `198.51.100.7`; `2001:db8::7:46532` → `2001:db8::7`; `[2001:db8::7]:443` → `2001:db8::7`. */
export function withoutPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1]!;
  const colons = address.split(':').length - 1;
  if (colons === 0) return address;
  return address.replace(/:\d+$/, '');
}
