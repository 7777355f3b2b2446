import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
// The one locale by its own path: 'zod/locales' would pull every language into the Lambda bundle.
import zhCN from 'zod/v4/locales/zh-CN.js';
import { DomainError, type DomainErrorKind, type ErrorDetail } from '../../shared/errors.js';
import type { AppEnv } from './env.js';

// The API answers in zh-CN: zod's generic messages (wrong type, unknown key) too. Set once for the
// server process; shared/ itself never touches zod's global config (it also runs in the browser).
z.config(zhCN());

/** rules §7: the one error shape every non-2xx answer carries. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_failed' }),
      message: z.string().meta({ example: '请求参数有误' }),
      details: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .meta({ description: '逐项说明（字段路径与原因）；无可细说时为空数组' }),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof ErrorBodySchema>;

const STATUS_BY_KIND: Record<DomainErrorKind, ContentfulStatusCode> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rule_violation: 422,
  rate_limited: 429,
  unavailable: 503,
};

/** Framework-level HTTP errors (malformed JSON, wrong media type, body limit) in our shape. */
const HTTP_EXCEPTION_CODES: Record<number, { code: string; message: string }> = {
  400: { code: 'bad_request', message: '请求格式有误' },
  401: { code: 'unauthenticated', message: '请先登录' },
  403: { code: 'forbidden', message: '无权执行此操作' },
  404: { code: 'not_found', message: '资源不存在' },
  405: { code: 'method_not_allowed', message: '不支持该请求方法' },
  413: { code: 'payload_too_large', message: '请求体过大' },
  415: { code: 'unsupported_media_type', message: '请求体须为 JSON（Content-Type: application/json）' },
};

/** rules §7: `details` is always present, an empty array when there is nothing to detail. */
export function errorBody(code: string, message: string, details?: ErrorDetail[], requestId?: string): ErrorBody {
  return { error: { code, message, details: details ?? [], ...(requestId ? { requestId } : {}) } };
}

/** zod issues → rules §7 details: a dotted path (`activities.0.date`) and the zh-CN message. */
export function detailsFromZod(issues: readonly z.core.$ZodIssue[], prefix?: string): ErrorDetail[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return { path: prefix ? (path ? `${prefix}.${path}` : prefix) : path, message: issue.message };
  });
}

/** The one error mapper (app.onError): routes hold no try/catch. */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  const requestId = c.get('requestId');
  if (err instanceof DomainError) {
    if (err.retryAfterSeconds !== undefined) c.header('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
    else if (err.kind === 'rate_limited') c.header('Retry-After', '1');
    // A store that is down is usually back within seconds; clients retry the same request then.
    else if (err.kind === 'unavailable') c.header('Retry-After', '2');
    return c.json(errorBody(err.code, err.message, err.details, requestId), STATUS_BY_KIND[err.kind]);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const known = HTTP_EXCEPTION_CODES[err.status] ?? { code: 'bad_request', message: '请求有误' };
    const malformedJson = err.status === 400 && /json/i.test(err.message);
    const code = malformedJson ? 'invalid_json' : known.code;
    const message = malformedJson ? '请求体不是合法的 JSON' : known.message;
    return c.json(errorBody(code, message, undefined, requestId), err.status as ContentfulStatusCode);
  }
  if (err instanceof z.ZodError) {
    return c.json(errorBody('validation_failed', '请求参数有误', detailsFromZod(err.issues), requestId), 400);
  }
  // Unknown: log the cause for operators, answer with nothing but an id to quote.
  c.get('log')?.error('unhandled error', { requestId, method: c.req.method, path: c.req.path, err });
  return c.json(errorBody('internal_error', '服务器内部错误，请稍后重试', undefined, requestId), 500);
}

/** Validation hook for every OpenAPI route: the same error shape as everything else. */
export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError; target?: string },
  c: Context<AppEnv>,
): Response | undefined {
  if (result.success) return undefined;
  const target = result.target === 'json' ? undefined : result.target;
  return c.json(errorBody('validation_failed', '请求参数有误', detailsFromZod(result.error.issues, target), c.get('requestId')), 400);
}
