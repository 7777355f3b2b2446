import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { type Logger, withLogContext } from '../log.js';
import type { AppEnv } from './env.js';

/**
 * The first middleware: names the request and opens its log context (functions/log.ts), so every line
 * written while it runs — by a route, a use-case or the error mapper — says which request, tenant and
 * route it belongs to.
 *
 * The id is API Gateway's `requestContext.requestId`: the one its access log records, returned in
 * X-Request-Id and in error bodies, so an id a user quotes finds both logs. A client's own X-Request-Id
 * is not taken: an id anyone can choose could pose as another request's. Locally there is no API
 * Gateway, so a UUID stands in.
 */
export function requestContext(deps: { tenant: string; log: Logger }): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    const lambda = lambdaIds(c.env);
    const requestId = lambda.requestId ?? randomUUID();
    c.set('requestId', requestId);
    c.set('log', deps.log);
    c.header('X-Request-Id', requestId);
    const context = { requestId, awsRequestId: lambda.awsRequestId, tenant: deps.tenant, route: routeOf(c) };
    return withLogContext(context, () => next());
  };
}

/** Routing is done before any middleware runs: the last handler matched that is not a `use` is the route. */
function routeOf(c: Context<AppEnv>): string | undefined {
  const route = matchedRoutes(c).findLast((r) => r.method !== 'ALL');
  return route ? `${route.method} ${route.path}` : undefined;
}

/** Read defensively: `c.env` is hono/aws-lambda's {event, lambdaContext} in Lambda, something else elsewhere. */
function lambdaIds(env: unknown): { requestId?: string; awsRequestId?: string } {
  if (typeof env !== 'object' || env === null) return {};
  const { event, lambdaContext } = env as { event?: unknown; lambdaContext?: unknown };
  const requestContext = isObject(event) && isObject(event.requestContext) ? event.requestContext : undefined;
  return {
    requestId: stringOrUndefined(requestContext?.requestId),
    awsRequestId: isObject(lambdaContext) ? stringOrUndefined(lambdaContext.awsRequestId) : undefined,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
