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
    statuses.map((s) => [
      s,
      { description: DESCRIPTIONS[s] ?? 'Error', content: { 'application/json': { schema: ErrorBodySchema } } },
    ]),
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
