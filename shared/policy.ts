import * as z from 'zod';
import type { TenantCode } from './contract';
import type { IsoDate } from './iso-date';

/**
 * Tenant policy for hours, as data. The notice fixes the numbers for 2023; later notices may change
 * themes or thresholds per year, so every figure the rules depend on is looked up per year here.
 */

/** `MM-DD`, a day of every year (the filing window repeats yearly). */
const MonthDaySchema = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '格式须为 MM-DD')
  .meta({ example: '07-01' });

export const YearPolicySchema = z.strictObject({
  /** 通知一(二)："每年累计不少于90学时". */
  requiredHours: z.int().positive(),
  /** 通知一(二)："专业科目一般不少于总学时的2/3" — SPEC §3 Decision: a share of the required hours. */
  professionalShare: z.strictObject({ numerator: z.int().min(0), denominator: z.int().positive() }),
  /** 附件二第7条："工作时间为6个月的…视为完成当年". */
  aidMonthsForYear: z.int().positive(),
  /** 附件二第7条："超过1年以上的…视为完成外派期间所有年度" (SPEC: endDate ≥ startDate + 12 months). */
  aidMonthsForAllYears: z.int().positive(),
  /** 通知一(一)：the year's 公需科目 themes; empty = no theme check that year. */
  publicThemes: z.array(z.string().min(1)),
  /** 通知三(一)："于7月至8月报省人社厅专技处"; null = no window (cities set their own, SPEC §5). */
  filingWindow: z.strictObject({ from: MonthDaySchema, to: MonthDaySchema }).nullable(),
});
export type YearPolicy = z.infer<typeof YearPolicySchema>;

export const HoursPolicySchema = z.strictObject({
  defaults: YearPolicySchema,
  /** Per-year changes on top of `defaults`, keyed by the year ("2023"). */
  years: z.record(z.string().regex(/^\d{4}$/), YearPolicySchema.partial()),
  /** "博士参评副高按相关规定执行" (通知三): when true a doctor applying for 副高 starts the span at the doctorate year. */
  doctorSpanFromDoctorate: z.boolean(),
});
export type HoursPolicy = z.infer<typeof HoursPolicySchema>;

/** The 2023 public themes (通知一(一)). */
export const PUBLIC_THEMES_2023 = [
  '数字化建设与发展',
  '统筹安全与发展',
  '强化科技创新能力建设',
  '加强知识产权保护',
] as const;

const BASE_YEAR_POLICY: YearPolicy = {
  requiredHours: 90,
  professionalShare: { numerator: 2, denominator: 3 },
  aidMonthsForYear: 6,
  aidMonthsForAllYears: 12,
  publicThemes: [],
  filingWindow: { from: '07-01', to: '08-31' },
};

/** The 省直 (430000) defaults: filing window 1 July – 31 August (SPEC §5). */
export const DEFAULT_POLICY: HoursPolicy = {
  defaults: BASE_YEAR_POLICY,
  years: { '2023': { publicThemes: [...PUBLIC_THEMES_2023] } },
  doctorSpanFromDoctorate: false,
};

/** Cities have no filing window unless they set one (SPEC §5: "the notice leaves cities to their own rules"). */
export function defaultPolicyFor(tenant: TenantCode): HoursPolicy {
  if (tenant === '430000') return DEFAULT_POLICY;
  return { ...DEFAULT_POLICY, defaults: { ...BASE_YEAR_POLICY, filingWindow: null } };
}

/** A year's policy with the figures the engine needs, in tenths of an hour. */
export interface ResolvedYearPolicy extends YearPolicy {
  year: number;
  requiredTenths: number;
  /** 2/3 of 90 = 60 hours = 600 tenths; rounded up so a fractional share is never under-required. */
  professionalRequiredTenths: number;
  publicThemeSet: ReadonlySet<string>;
}

const resolvedCache = new WeakMap<HoursPolicy, Map<number, ResolvedYearPolicy>>();

/** The policy in force for `year`; cached per policy object, so treat policies as immutable. */
export function resolveYearPolicy(policy: HoursPolicy, year: number): ResolvedYearPolicy {
  let byYear = resolvedCache.get(policy);
  if (!byYear) {
    byYear = new Map();
    resolvedCache.set(policy, byYear);
  }
  const cached = byYear.get(year);
  if (cached) return cached;
  const merged: YearPolicy = { ...policy.defaults, ...policy.years[String(year)] };
  const requiredTenths = merged.requiredHours * 10;
  const { numerator, denominator } = merged.professionalShare;
  const resolved: ResolvedYearPolicy = {
    ...merged,
    year,
    requiredTenths,
    professionalRequiredTenths: Math.ceil((requiredTenths * numerator) / denominator),
    publicThemeSet: new Set(merged.publicThemes),
  };
  byYear.set(year, resolved);
  return resolved;
}

/** Whether `date` falls in its year's filing window (inclusive); true when the year has no window. */
export function isInFilingWindow(policy: HoursPolicy, date: IsoDate): boolean {
  const window = resolveYearPolicy(policy, Number(date.slice(0, 4))).filingWindow;
  if (!window) return true;
  const monthDay = date.slice(5);
  return monthDay >= window.from && monthDay <= window.to;
}
