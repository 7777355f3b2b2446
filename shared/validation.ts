import * as z from 'zod';
// The one locale by its own path: 'zod/locales' would pull every language into the Lambda bundle.
import zhCN from 'zod/v4/locales/zh-CN.js';
import type { ErrorDetail } from './errors';

/**
 * zh-CN messages for zod's generic issues (wrong type, unknown key …). Our own checks carry their
 * own zh-CN messages, which take precedence. Pass it per parse rather than via `z.config` so that
 * importing shared/ never changes global state: `schema.safeParse(input, { error: zhCNErrorMap })`.
 */
export const zhCNErrorMap: z.core.$ZodErrorMap = zhCN().localeError;

/** `activities.3.days` — the path of an issue as rules §7's error `details[].path`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/** The issues of a failed parse as rules §7 error details. */
export function formatIssues(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
}

/** Parse with zh-CN messages; the result carries rules §7 error details on failure. */
export function parseWithDetails<T extends z.ZodType>(
  schema: T,
  input: unknown,
): { ok: true; value: z.output<T> } | { ok: false; details: ErrorDetail[] } {
  const result = schema.safeParse(input, { error: zhCNErrorMap });
  return result.success ? { ok: true, value: result.data } : { ok: false, details: formatIssues(result.error) };
}
