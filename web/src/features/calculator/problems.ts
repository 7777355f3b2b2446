import type * as z from 'zod';
import { ActivityKindSchema, type ActivityKind } from '../../../../shared/hours/schemas.js';
import { KIND_LABELS } from '../../../../shared/hours/notes.js';
import { ApiError } from '../../api/client.js';
import { issueMessage, valueAt } from '../../components/activities/issue-message.js';
import { fieldLabel } from '../../components/activities/labels.js';

/** A problem to show above the calculator: one headline and one line per offending field. */
export interface Problem {
  title: string;
  lines: string[];
}

function kindOf(activity: unknown): ActivityKind | undefined {
  const kind = (activity as { kind?: unknown } | null | undefined)?.kind;
  const parsed = ActivityKindSchema.safeParse(kind);
  return parsed.success ? parsed.data : undefined;
}

/**
 * `activities.1.date` → 「第2项（论文）· 发表日期」: a path of the preview request in the words of the
 * page. Paths arrive as zod arrays (browser) or dotted strings (server details, rules §7). `activities`
 * may be unchecked input (a broken shared link), so only a recognisable kind is used.
 */
export function describePath(path: string | readonly PropertyKey[], activities: readonly unknown[]): string {
  const parts = typeof path === 'string' ? (path ? path.split('.') : []) : path.map(String);
  const [head, second, third] = parts;
  if (head === 'activities' && second !== undefined && /^\d+$/.test(second)) {
    const kind = kindOf(activities[Number(second)]);
    const name = `第${Number(second) + 1}项${kind ? `（${KIND_LABELS[kind]}）` : ''}`;
    return third ? `${name} · ${fieldLabel(third, kind)}` : name;
  }
  if (head === 'activities') return '活动列表';
  if (head === 'span') return second === 'from' ? '核认跨度 · 起始年度' : second === 'to' ? '核认跨度 · 结束年度' : '核认跨度';
  return parts.join('.') || '输入';
}

/** Issues of the whole preview request (or a shared link's unchecked JSON), one line each. */
export function problemFromIssues(title: string, issues: readonly z.core.$ZodIssue[], input: unknown): Problem {
  const activities = valueAt(input, ['activities']);
  const list = Array.isArray(activities) ? activities : [];
  return {
    title,
    lines: issues.map((issue) => {
      const [head, index] = issue.path;
      const kind = head === 'activities' && typeof index === 'number' ? kindOf(list[index]) : undefined;
      return `${describePath(issue.path, list)}：${issueMessage(issue, input, kind)}`;
    }),
  };
}

/** The server's answer (rules §7 error shape), with each detail's path in the page's words. */
export function problemFromError(err: unknown, activities: readonly unknown[]): Problem {
  if (err instanceof ApiError) {
    return {
      title: err.code === 'validation_failed' ? `服务器未接受输入：${err.message}` : err.message,
      lines: err.details.map((d) => (d.path ? `${describePath(d.path, activities)}：${d.message}` : d.message)),
    };
  }
  return { title: '计算失败，请稍后重试', lines: [] };
}
