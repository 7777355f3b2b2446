import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import * as z from 'zod';
import { chinaDateOf } from '../../shared/calendar.js';
import { ROLES } from '../../shared/contract.js';
import { ForbiddenError, NotFoundError } from '../../shared/errors.js';
import type { LocalUserRepository } from '../adapters/dynamo/local-users.js';
import type { AccountDirectory } from '../ports/accounts.js';
import type { AppEnv } from '../http/env.js';
import { errorResponses } from '../http/openapi.js';
import type { LocalIssuer } from './local-issuer.js';
import { isLoopbackAddress } from './loopback.js';
import type { TimeMachine } from './time-travel.js';

/**
 * Local mode only (rules §7). This module is imported by the local server alone, so the Lambda
 * bundle cannot contain it (test/infra proves it on the bundle's text).
 */
export interface DevRouteDeps {
  users: LocalUserRepository;
  accounts: AccountDirectory;
  issuer: Pick<LocalIssuer, 'issue'>;
  baseKeys: () => Promise<{ base: string; key: string }[]>;
  /** Real time: tokens are issued and checked on it, whatever the demo's clock says. */
  clock: () => Date;
  /** The local stack's demo clock; without it (tests of other routes) there is no /v1/dev/clock. */
  timeTravel?: {
    machine: TimeMachine;
    /** Runs what the schedule runs in AWS (closing due notices) at once; answers how many closed. */
    runSchedules: () => Promise<number>;
  };
}

const ClockSchema = z.object({
  now: z.string().meta({ description: '演示时钟的当前时间（ISO 8601）' }),
  chinaDate: z.string().meta({ description: '演示时钟的北京日期' }),
  offsetDays: z.int().meta({ description: '比真实时间快进的天数' }),
  noticesClosed: z.int().optional().meta({ description: '快进后随即到期关闭的公示数' }),
});

const getClockRoute = createRoute({
  method: 'get',
  path: '/v1/dev/clock',
  tags: ['dev (local only)'],
  summary: '演示时钟（仅本地）',
  responses: { 200: { description: 'The demo clock.', content: { 'application/json': { schema: ClockSchema } } } },
});

const moveClockRoute = createRoute({
  method: 'post',
  path: '/v1/dev/clock',
  tags: ['dev (local only)'],
  summary: '演示时钟快进若干天，或恢复真实时间（仅本地）；随即运行到期公示的关闭',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.union([
            z.strictObject({ advanceDays: z.int('天数须为整数').min(1, '至少快进1天').max(60, '一次最多快进60天') }),
            z.strictObject({ reset: z.literal(true) }),
          ]),
        },
      },
    },
  },
  responses: {
    200: { description: 'The demo clock after the move.', content: { 'application/json': { schema: ClockSchema } } },
    ...errorResponses(400),
  },
});

function clockView(timeMachine: TimeMachine) {
  const now = timeMachine.now();
  return { now: now.toISOString(), chinaDate: chinaDateOf(now), offsetDays: timeMachine.offsetDays() };
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
            users: z.array(
              z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES).optional(), organisation: z.string().optional() }),
            ),
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
  const travel = deps.timeTravel;
  if (!travel) return;
  app.openapi(getClockRoute, (c) => c.json(clockView(travel.machine), 200));
  app.openapi(moveClockRoute, async (c) => {
    const body = c.req.valid('json');
    if ('reset' in body) travel.machine.reset();
    else travel.machine.advance(body.advanceDays);
    return c.json({ ...clockView(travel.machine), noticesClosed: await travel.runSchedules() }, 200);
  });
}
