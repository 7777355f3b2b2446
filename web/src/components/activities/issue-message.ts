import * as z from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import type { ActivityKind } from '../../../../shared/hours/schemas.js';
import { fieldLabel } from './labels.js';

// zod's own messages (wrong type, unknown option) in zh-CN, as the API does (functions/http/errors.ts).
// The shared schemas carry their own zh-CN messages; this only covers zod's generic ones.
z.config(zhCN());

export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * A missing field reads better as 「请填写…」 than as zod's type or option message. Custom checks (at
 * least one of days/halfDays/evenings) keep their own, more telling, message.
 */
export function issueMessage(issue: z.core.$ZodIssue, input: unknown, kind?: ActivityKind): string {
  const field = issue.path[issue.path.length - 1];
  if (issue.code !== 'custom' && typeof field === 'string' && valueAt(input, issue.path) === undefined) {
    return `请填写${fieldLabel(field, kind)}`;
  }
  return issue.message;
}
