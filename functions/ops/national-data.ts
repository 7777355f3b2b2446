import * as z from 'zod';
import { TENANT_CODES } from '../../shared/contract.js';
import { PolicySourceSchema, YearPolicySettingsSchema, type YearPolicySettings } from '../../shared/policy.js';
import { CalendarYearSchema } from '../../shared/working-days.js';

/**
 * Loading one file of a year's national data — the State Council's holiday arrangement and the
 * province's yearly themes — into every tenant stack (docs/deploy.md "Yearly national data").
 *
 * It goes through each stack's API with an hr officer's token of that stack, so every change is the
 * same audited, validated, versioned write an hr office makes by hand (decisions.md): nothing is
 * written behind the audit trail, and a stack that already holds the file's version is left alone.
 */

export const NationalDataSchema = z.strictObject({
  /** The file's version, recorded on every item it writes and shown in each stack. */
  version: z.string().regex(/^[\w.-]{1,50}$/, '版本只能含字母、数字、点、横线和下划线'),
  /** Why the data is loaded: the audit trail's reason in every stack. */
  reason: z.string().trim().min(2).max(500),
  calendars: z.array(CalendarYearSchema).default([]),
  policies: z
    .array(z.strictObject({ year: z.int().min(1900).max(2100), settings: YearPolicySettingsSchema, source: PolicySourceSchema }))
    .default([]),
});
export type NationalData = z.infer<typeof NationalDataSchema>;

export const TargetsSchema = z
  .array(
    z.strictObject({
      tenant: z.enum(TENANT_CODES),
      /** The stack's site or API origin, e.g. https://xueshi-430100.example.gov.cn. */
      url: z.url(),
      /** The environment variable holding an hr officer's token for this stack (never the token itself). */
      tokenEnv: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
    }),
  )
  .min(1);
export type Target = z.infer<typeof TargetsSchema>[number];

export type Outcome = 'loaded' | 'unchanged' | 'failed';
export interface StackReport {
  tenant: string;
  items: { what: string; outcome: Outcome; detail?: string }[];
  /** After the run: the data version each kept year holds, as the stack reports it. */
  holds: { year: number; calendar?: string; policy?: string }[];
}

type Fetch = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<{
  status: number;
  json(): Promise<unknown>;
}>;

const RuleYears = z.object({
  years: z.array(
    z.object({
      year: z.int(),
      calendar: z.object({ kept: z.object({ version: z.int(), dataVersion: z.string().optional() }).optional() }),
      policy: z.object({
        settings: YearPolicySettingsSchema.optional(),
        kept: z.object({ version: z.int(), dataVersion: z.string().optional() }).optional(),
      }),
    }),
  ),
});

export async function loadNationalData(
  data: NationalData,
  targets: readonly Target[],
  options: { fetch: Fetch; token: (target: Target) => string | undefined; dryRun?: boolean },
): Promise<StackReport[]> {
  const reports: StackReport[] = [];
  for (const target of targets) {
    const report: StackReport = { tenant: target.tenant, items: [], holds: [] };
    reports.push(report);
    const token = options.token(target);
    if (!token) {
      report.items.push({ what: '全部', outcome: 'failed', detail: `环境变量 ${target.tokenEnv} 未设置` });
      continue;
    }
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await options.fetch(new URL(path, target.url).toString(), {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return {
        status: res.status,
        body: (await res.json()) as { error?: { code: string; message: string; details?: { path: string; message: string }[] } },
      };
    };
    const listed = await api('GET', '/v1/rules/years');
    if (listed.status !== 200) {
      report.items.push({ what: '读取年度规则', outcome: 'failed', detail: describe(listed) });
      continue;
    }
    const current = RuleYears.parse(listed.body);
    const yearOf = (year: number) => current.years.find((y) => y.year === year);

    for (const c of data.calendars) {
      const kept = yearOf(c.year)?.calendar.kept;
      const what = `${c.year}年放假安排`;
      if (kept?.dataVersion === data.version) {
        report.items.push({ what, outcome: 'unchanged' });
        continue;
      }
      if (options.dryRun) {
        report.items.push({ what, outcome: 'loaded', detail: '（演练，未写入）' });
        continue;
      }
      const res = await api('PUT', `/v1/rules/calendar/${c.year}`, {
        ...c,
        reason: data.reason,
        dataVersion: data.version,
        expectedVersion: kept?.version ?? 0,
      });
      report.items.push(res.status === 200 ? { what, outcome: 'loaded' } : { what, outcome: 'failed', detail: describe(res) });
    }

    for (const p of data.policies) {
      const year = yearOf(p.year);
      const kept = year?.policy.kept;
      const what = `${p.year}年度政策`;
      if (kept?.dataVersion === data.version) {
        report.items.push({ what, outcome: 'unchanged' });
        continue;
      }
      if (options.dryRun) {
        report.items.push({ what, outcome: 'loaded', detail: '（演练，未写入）' });
        continue;
      }
      // The national fields replace the stack's; what the city keeps itself (its filing window) stays.
      const settings: YearPolicySettings = { ...year?.policy.settings, ...p.settings };
      const res = await api('PUT', `/v1/rules/policy/${p.year}`, {
        settings,
        source: p.source,
        reason: data.reason,
        dataVersion: data.version,
        expectedVersion: kept?.version ?? 0,
      });
      report.items.push(res.status === 200 ? { what, outcome: 'loaded' } : { what, outcome: 'failed', detail: describe(res) });
    }

    const after = await api('GET', '/v1/rules/years');
    if (after.status === 200) {
      for (const y of RuleYears.parse(after.body).years) {
        const calendar = y.calendar.kept?.dataVersion;
        const policy = y.policy.kept?.dataVersion;
        if (calendar || policy) report.holds.push({ year: y.year, ...(calendar ? { calendar } : {}), ...(policy ? { policy } : {}) });
      }
    }
  }
  return reports;
}

function describe(res: {
  status: number;
  body: { error?: { code: string; message: string; details?: { path: string; message: string }[] } };
}): string {
  const e = res.body.error;
  if (!e) return `HTTP ${res.status}`;
  const details = e.details?.length ? '：' + e.details.map((d) => `${d.path} ${d.message}`).join('；') : '';
  return `HTTP ${res.status} ${e.code} ${e.message}${details}`;
}
