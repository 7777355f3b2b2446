import type * as z from 'zod';
import { ErrorBodySchema } from './errors.js';

const DESCRIPTIONS: Record<number, string> = {
  400: '请求参数有误 (validation_failed, invalid_json, …)',
  401: '未登录或登录凭证无效',
  403: '无权访问',
  404: '资源不存在',
  409: '状态冲突（已被他人修改）',
  413: '请求体过大',
  422: '业务规则不允许',
  429: '请求过于频繁',
};

/** Error responses for a route's OpenAPI entry, all in the one error shape. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: DESCRIPTIONS[s] ?? 'Error', content: { 'application/json': { schema: ErrorBodySchema } } }]),
  ) as Record<number, { description: string; content: { 'application/json': { schema: typeof ErrorBodySchema } } }>;
}

/** A JSON response entry. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body. */
export const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

/** Retry-After as every answer that sets it documents it. */
const RETRY_AFTER = {
  description: '建议等待的秒数，之后用同样的请求重试',
  schema: { type: 'integer', minimum: 1, example: 2 },
} as const;

/** Answers any operation can give besides its own: the unexpected error, and a dependency that is down. */
const SERVER_ERRORS = {
  500: { description: '服务器内部错误 (internal_error)：原因已记录，应答只带 requestId 供查询', headers: {} },
  503: {
    description: '依赖的服务暂时不可用 (storage_unavailable, service_unavailable, …)：稍后按 Retry-After 重试',
    headers: { 'Retry-After': RETRY_AFTER },
  },
} as const;

interface DocumentedRoute {
  method: string;
  path: string;
  operationId?: string;
  security?: Record<string, string[]>[];
  'x-roles'?: readonly string[];
  responses: Record<string, { description: string; headers?: unknown; content?: unknown }>;
}

const pascal = (s: string) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/**
 * An operationId from the method and the path: `GET /v1/people/{personId}/activities` →
 * `getPeopleActivities`, a trailing variable named (`GET /v1/people/{personId}` → `getPeopleByPersonId`).
 * `taken` holds the ids given so far; on a clash every variable is named.
 */
export function deriveOperationId(method: string, path: string, taken: ReadonlySet<string>): string {
  const segments = path
    .replace(/^\/v1\//, '')
    .split('/')
    .filter(Boolean);
  const build = (allVariables: boolean) =>
    method.toLowerCase() +
    segments
      .map((seg, i) => {
        const variable = /^\{(\w+)\+?\}$/.exec(seg);
        if (!variable) return pascal(seg);
        return allVariables || i === segments.length - 1 ? `By${pascal(variable[1]!)}` : '';
      })
      .join('');
  const short = build(false);
  return taken.has(short) ? build(true) : short;
}

/**
 * Completes every operation of the document where route files leave it to one place: an
 * `operationId` (derived from method and path unless the route names one), `security: []` on the
 * public operations (anonymous by design, not by omission), `Retry-After` on the 429s, the 503s and
 * the in-flight 409, and the 500 and 503 every operation can answer. Run once all routes are registered;
 * the route objects are module constants, and every step is a no-op the second time.
 */
export function completeDocument(definitions: readonly { type: string; route?: unknown }[]): void {
  const routes = definitions.filter((d) => d.type === 'route').map((d) => d.route as DocumentedRoute);
  const taken = new Set(routes.map((r) => r.operationId).filter((id): id is string => id !== undefined));
  for (const route of routes) {
    if (route.operationId === undefined) {
      route.operationId = deriveOperationId(route.method, route.path, taken);
      if (taken.has(route.operationId)) throw new Error(`operationId ${route.operationId} twice (${route.method} ${route.path})`);
      taken.add(route.operationId);
    }
    if (route.security === undefined && route['x-roles']?.includes('public')) route.security = [];
    for (const [status, response] of Object.entries(route.responses)) {
      if (status === '429' || status === '503' || (status === '409' && route.path === '/v1/base/completions')) {
        response.headers = { ...(response.headers as object | undefined), 'Retry-After': RETRY_AFTER };
      }
    }
    for (const [status, response] of Object.entries(SERVER_ERRORS)) {
      route.responses[status] ??= {
        description: response.description,
        ...(Object.keys(response.headers).length > 0 ? { headers: response.headers } : {}),
        content: { 'application/json': { schema: ErrorBodySchema } },
      };
    }
  }
}
