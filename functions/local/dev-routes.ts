import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import * as z from 'zod';
import { ROLES } from '../../shared/contract.js';
import { ForbiddenError, NotFoundError } from '../../shared/errors.js';
import type { LocalUserRepository } from '../adapters/dynamo/local-users.js';
import type { AccountDirectory } from '../ports/accounts.js';
import type { AppEnv } from '../http/env.js';
import { errorResponses } from '../http/openapi.js';
import type { LocalIssuer } from './local-issuer.js';
import { isLoopbackAddress } from './loopback.js';

/**
 * Local mode only (SPEC §7). This module is imported by the local server alone, so the Lambda
 * bundle cannot contain it (test/infra proves it on the bundle's text).
 */
export interface DevRouteDeps {
  users: LocalUserRepository;
  accounts: AccountDirectory;
  issuer: Pick<LocalIssuer, 'issue'>;
  baseKeys: () => Promise<{ base: string; key: string }[]>;
  clock: () => Date;
}

const usersRoute = createRoute({
  method: 'get',
  path: '/v1/dev/users',
  tags: ['dev (local only)'],
  summary: '演示账号与演示施教机构密钥（仅本地）',
  responses: {
    200: {
      description: 'Demo accounts and the demo base key.',
      content: {
        'application/json': {
          schema: z.object({
            users: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES).optional(), organisation: z.string().optional() })),
            baseKeys: z.array(z.object({ base: z.string(), key: z.string() })),
          }),
        },
      },
    },
  },
});

const tokenRoute = createRoute({
  method: 'post',
  path: '/v1/dev/token',
  tags: ['dev (local only)'],
  summary: '为本地身份签发登录凭证（仅本地，供接口测试；站点经本地 OpenID 提供方登录）',
  request: {
    body: { required: true, content: { 'application/json': { schema: z.object({ user: z.string().min(1) }) } } },
  },
  responses: {
    200: {
      description: 'A short-lived token, the same kind the portal uses.',
      content: { 'application/json': { schema: z.object({ accessToken: z.string() }) } },
    },
    ...errorResponses(400, 404),
  },
});

/** The connecting socket's address; undefined when the request did not come over a socket (app.request). */
function remoteAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/**
 * The dev routes mint a token for any demo account, hr_officer included: only a client on this
 * machine may call them, even when HOST exposes the API to a network. The socket's own address
 * decides, never a header (X-Forwarded-For is the client's to write); an unknown address is refused.
 */
export const loopbackOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!isLoopbackAddress(remoteAddress(c))) {
    throw new ForbiddenError('dev_routes_loopback_only', '演示接口只接受本机访问');
  }
  await next();
};

export function registerDevRoutes(app: OpenAPIHono<AppEnv>, deps: DevRouteDeps) {
  app.use('/v1/dev/*', loopbackOnly);
  app.openapi(usersRoute, async (c) => {
    // The local identities, with the account each is bound to in the directory (none: not yet invited).
    const users = await Promise.all(
      (await deps.users.list()).map(async ({ id, name }) => {
        const account = await deps.accounts.findBySubject(id);
        return { id, name, ...(account ? { role: account.role, organisation: account.orgId } : {}) };
      }),
    );
    return c.json({ users, baseKeys: await deps.baseKeys() }, 200);
  });
  app.openapi(tokenRoute, async (c) => {
    const user = await deps.users.get(c.req.valid('json').user);
    if (!user) throw new NotFoundError('user_not_found', '本地身份不存在');
    return c.json({ accessToken: await deps.issuer.issue(user, deps.clock()) }, 200);
  });
}
