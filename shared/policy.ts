import * as z from 'zod';
import { TENANTS, type TenantCode } from './contract';
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

/** A minimum of one subject category: `hard` ones decide `compliant`, soft ones ("一般") only warn. */
export const SubjectMinimumSchema = z
  .strictObject({
    hours: z.int('学时须为整数').min(1, '学时不能小于1').max(300, '学时不能大于300'),
    hard: z.boolean('须为布尔值').meta({ description: 'true：不达到即不合格；false：“一般”要求，仅提示，审核人员可书面认可' }),
  })
  .meta({ id: 'SubjectMinimum' });
export type SubjectMinimum = z.infer<typeof SubjectMinimumSchema>;

export const YearPolicySchema = z.strictObject({
  /** 通知一(二)："每年累计不少于90学时". */
  requiredHours: z.int().positive(),
  /** 湘人社办函〔2025〕37号："公需科目学习不少于30学时"; null = no public minimum (2023). */
  minPublicHours: SubjectMinimumSchema.nullable(),
  /**
   * 2023: "专业科目一般不少于总学时的2/3" — rules §3: 2/3 of the required 90 = 60, soft; 2025: "专业科目学习不少于60学时", hard.
   */
  minProfessionalHours: SubjectMinimumSchema,
  /** 附件第二部分第7条："工作时间为6个月的…视为完成当年". */
  aidMonthsForYear: z.int().positive(),
  /** 附件第二部分第7条："超过1年以上的…视为完成外派期间所有年度" (rules §3.5 C7: endDate ≥ startDate + 12 months). */
  aidMonthsForAllYears: z.int().positive(),
  /** 通知一(一)：the year's 公需科目 themes; empty = no theme check that year. */
  publicThemes: z.array(z.string().min(1)),
  /** 通知三(一)："于7月至8月报省人社厅专技处"; null = no window (cities set their own, rules §5). */
  filingWindow: z.strictObject({ from: MonthDaySchema, to: MonthDaySchema }).nullable(),
  /** The document the year's values come from (the year's provincial notice, or the national regulation). */
  basis: z.string(),
  /** True when the year's own notice is not known: its thresholds are carried from the last year that is. */
  assumed: z.boolean(),
});
export type YearPolicy = z.infer<typeof YearPolicySchema>;

export const HoursPolicySchema = z.strictObject({
  defaults: YearPolicySchema,
  /** Per-year changes on top of `defaults`, keyed by the year ("2023"). */
  years: z.record(z.string().regex(/^\d{4}$/), YearPolicySchema.partial()),
  /** "博士参评副高按相关规定执行" (通知三): when true a doctor applying for 副高 starts the span at the doctorate year. */
  doctorSpanFromDoctorate: z.boolean(),
  /** The tenant's mid-level certificate (rules §3); absent on policies built before it: the built-in values. */
  midLevel: z.lazy(() => MidLevelPolicySchema).optional(),
});
export type HoursPolicy = z.infer<typeof HoursPolicySchema>;

/** The 2023 public themes (通知一(一)). */
export const PUBLIC_THEMES_2023 = ['数字化建设与发展', '统筹安全与发展', '强化科技创新能力建设', '加强知识产权保护'] as const;

/** The national rule behind every year's 90 hours: 《专业技术人员继续教育规定》 (2015) 第八条. */
export const NATIONAL_RULE = '《专业技术人员继续教育规定》（人社部令第25号）';

const BASE_YEAR_POLICY: YearPolicy = {
  requiredHours: 90,
  minPublicHours: null,
  minProfessionalHours: { hours: 60, hard: false },
  aidMonthsForYear: 6,
  aidMonthsForAllYears: 12,
  publicThemes: [],
  filingWindow: { from: '07-01', to: '08-31' },
  basis: NATIONAL_RULE,
  assumed: false,
};

/**
 * The province's yearly notices as far as the product knows them (docs/decisions.md lists each value
 * with its source; nothing is invented). Years before the first one follow the national rule; a year
 * after with no entry carries the thresholds of the last year that has one, marked `assumed`, until the
 * hr office enters that year's notice. Themes never carry: a notice names its own year's themes.
 */
export const PROVINCE_YEARS: Readonly<Record<string, Partial<YearPolicy> & { basis: string }>> = {
  '2023': { basis: '湘人社办函〔2023〕23号', publicThemes: [...PUBLIC_THEMES_2023] },
  // "90学时中，公需科目学习不少于30学时，专业科目学习不少于60学时" (issue 18, from the 2025 notice). Its themes
  // are not known to the product: the hr office enters them at 年度规则.
  '2025': { basis: '湘人社办函〔2025〕37号', minPublicHours: { hours: 30, hard: true }, minProfessionalHours: { hours: 60, hard: true } },
};
/** Years up to here follow the national rule as known, not assumed. */
const LAST_YEAR_OF_NATIONAL_RULE_ONLY = 2022;

/** The 省直 (430000) defaults: filing window 1 July – 31 August (rules §5). */
export const DEFAULT_POLICY: HoursPolicy = {
  defaults: BASE_YEAR_POLICY,
  years: { ...PROVINCE_YEARS },
  doctorSpanFromDoctorate: false,
};

/**
 * The built-in policy of a tenant, before anything the hr office keeps (policy-records below). Cities
 * have no filing window unless they set one (rules §5: "the notice leaves cities to their own rules").
 */
export function defaultPolicyFor(tenant: TenantCode): HoursPolicy {
  if (tenant === '430000') return DEFAULT_POLICY;
  return { ...DEFAULT_POLICY, defaults: { ...BASE_YEAR_POLICY, filingWindow: null } };
}

/**
 * What the hr office keeps for one year (rules §3 "each year's notice"): the province's public themes,
 * the filing window and the required hours, with the notice they come from. Fields left out keep the
 * built-in value. Thresholds the rules fix (rules §3) (the 2/3 share, the aid-assignment months) are not editable.
 */
export const YearPolicySettingsSchema = z
  .strictObject({
    publicThemes: z
      .array(z.string().trim().min(1, '主题不能为空').max(100, '主题不能超过100个字符'))
      .max(20, '主题不能超过20个')
      .refine((ts) => new Set(ts).size === ts.length, '主题不能重复')
      .optional()
      .meta({ description: '该年度公需科目主题；空数组表示该年度不设主题' }),
    filingWindow: YearPolicySchema.shape.filingWindow
      .refine((w) => w === null || w.from <= w.to, '备案期起始不能晚于截止')
      .optional()
      .meta({ description: '报送受理期（每年同月同日）；null 表示不设受理期' }),
    requiredHours: z.int('学时须为整数').min(1, '学时不能小于1').max(300, '学时不能大于300').optional().meta({
      description: '每年须完成的学时（通知一(二)：90）',
    }),
    minPublicHours: SubjectMinimumSchema.nullable().optional().meta({ description: '公需科目最少学时；null 表示不设' }),
    minProfessionalHours: SubjectMinimumSchema.optional().meta({ description: '专业科目最少学时' }),
  })
  .meta({ id: 'YearPolicySettings', description: '人社部门维护的某年度学时政策' });
export type YearPolicySettings = z.infer<typeof YearPolicySettingsSchema>;

export const PolicySourceSchema = z
  .string()
  .trim()
  .min(2, '请填写依据文件')
  .max(100, '依据文件不能超过100个字符')
  .meta({ description: '依据文件的文号，如 湘人社办函〔2023〕23号', example: '湘人社办函〔2023〕23号' });

/** A year's kept policy, as stored; `version` guards concurrent edits. */
export interface YearPolicyRecord {
  year: number;
  settings: YearPolicySettings;
  source: string;
  /** The national data file it was loaded from, when loaded by ops (docs/deploy.md). */
  dataVersion?: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  updatedByName?: string;
}

/**
 * The tenant's mid-level certificate (rules §3 "mid-level titles"): a city's own 合格证明 for 中级
 * applicants, over Y−4 … Y−1 (Y−3 … Y−1 for a master's degree or higher), on the tenant's own route.
 */
export const MidLevelPolicySchema = z
  .strictObject({
    /** Printed as the certificate's heading, e.g. 株洲市专业技术人员继续教育合格证明. */
    certificateTitle: z
      .string('请填写证明名称')
      .trim()
      .min(4, '证明名称至少4个字')
      .max(40, '证明名称不能超过40个字')
      .meta({ description: '合格证明的标题（打印在证明上）', example: '长沙市专业技术人员继续教育合格证明' }),
    /** Years before the application year (株洲市 2025: 2021–2024, i.e. 4). */
    spanYears: z.int('年数须为整数').min(1, '年数不能小于1').max(10, '年数不能大于10').meta({ description: '核认年数（申报年度前N年）' }),
    /** For a master's degree or higher (株洲市 2025: 2022–2024, i.e. 3). */
    masterSpanYears: z
      .int('年数须为整数')
      .min(1, '年数不能小于1')
      .max(10, '年数不能大于10')
      .meta({ description: '硕士研究生及以上学历（学位）的核认年数' }),
    /** Whether a department re-reviews where the unit has one; otherwise the hr office takes it after the unit. */
    department: z
      .boolean('须为布尔值')
      .meta({ description: 'true：单位初审后经主管部门复审（单位有主管部门时）；false：单位初审后直接报人社部门' }),
    /** Whether the unit holds a public notice (rules §3.8: "a public notice only where the tenant's policy asks"). */
    notice: z.boolean('须为布尔值').meta({ description: 'true：单位初审后须在本单位公示' }),
  })
  .refine((m) => m.masterSpanYears <= m.spanYears, { error: '硕士的核认年数不能多于一般的核认年数', path: ['masterSpanYears'] })
  .meta({ id: 'MidLevelPolicy' });
export type MidLevelPolicy = z.infer<typeof MidLevelPolicySchema>;

/** The default heading of a tenant's 合格证明: the city's name, or 湖南省省直单位 for the 430000 stack. */
export function defaultMidLevelTitle(tenant: TenantCode): string {
  return `${tenant === '430000' ? '湖南省省直单位' : TENANTS[tenant]}专业技术人员继续教育合格证明`;
}

/**
 * The built-in mid-level policy: the spans rules §3 gives (from 株洲市's 2025 practice), the department's
 * re-review where the unit has one, and no public notice unless the hr office asks for one.
 */
export function defaultMidLevelPolicy(tenant: TenantCode): MidLevelPolicy {
  return { certificateTitle: defaultMidLevelTitle(tenant), spanYears: 4, masterSpanYears: 3, department: true, notice: false };
}

/** Tenant-wide switches the hr office keeps. */
export const TenantPolicySettingsSchema = z
  .strictObject({
    /** "博士参评副高按相关规定执行" (通知三). */
    doctorSpanFromDoctorate: z.boolean('须为布尔值'),
    /** The mid-level certificate; absent = the built-in values (defaultMidLevelPolicy). */
    midLevel: MidLevelPolicySchema.optional(),
  })
  .meta({ id: 'TenantPolicySettings' });
export type TenantPolicySettings = z.infer<typeof TenantPolicySettingsSchema>;

/** The tenant's policy: the built-in one with what the hr office keeps on top. */
export function policyFromRecords(
  tenant: TenantCode,
  years: readonly Pick<YearPolicyRecord, 'year' | 'settings' | 'source'>[],
  tenantSettings?: TenantPolicySettings,
): HoursPolicy {
  const base = defaultPolicyFor(tenant);
  const merged: HoursPolicy['years'] = { ...base.years };
  for (const r of years) merged[String(r.year)] = { ...merged[String(r.year)], ...r.settings, basis: r.source };
  return {
    defaults: base.defaults,
    years: merged,
    doctorSpanFromDoctorate: tenantSettings?.doctorSpanFromDoctorate ?? base.doctorSpanFromDoctorate,
    midLevel: tenantSettings?.midLevel ?? defaultMidLevelPolicy(tenant),
  };
}

/**
 * A policy whose `years` replace those of `policy` wholesale: a confirmed year keeps the year policy it
 * was computed with (recorded on its book), whatever the hr office changes later.
 */
export function withRecordedYears(policy: HoursPolicy, recorded: ReadonlyMap<number, YearPolicy>): HoursPolicy {
  if (recorded.size === 0) return policy;
  const years = { ...policy.years };
  for (const [year, p] of recorded) years[String(year)] = p;
  return { ...policy, years };
}

/** The plain year policy (what a book records), without the derived figures. */
export function yearPolicyOf(resolved: ResolvedYearPolicy): YearPolicy {
  const {
    requiredHours,
    minPublicHours,
    minProfessionalHours,
    aidMonthsForYear,
    aidMonthsForAllYears,
    publicThemes,
    filingWindow,
    basis,
    assumed,
  } = resolved;
  return {
    requiredHours,
    minPublicHours,
    minProfessionalHours,
    aidMonthsForYear,
    aidMonthsForAllYears,
    publicThemes: [...publicThemes],
    filingWindow,
    basis,
    assumed,
  };
}

/** A year's policy with the figures the engine needs, in tenths of an hour. */
export interface ResolvedYearPolicy extends YearPolicy {
  year: number;
  requiredTenths: number;
  professionalRequiredTenths: number;
  /** 0 where the year has no public minimum. */
  publicRequiredTenths: number;
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
  // The last year up to `year` with values of its own: its thresholds (never its themes) carry forward.
  let carried: Partial<YearPolicy> = {};
  let lastKnown: { year: number; basis: string } | null = null;
  for (const key of Object.keys(policy.years)
    .map(Number)
    .sort((a, b) => a - b)) {
    if (key >= year) break;
    const { publicThemes: _themes, basis, assumed: _assumed, ...thresholds } = policy.years[String(key)]!;
    carried = { ...carried, ...thresholds };
    if (basis) lastKnown = { year: key, basis };
  }
  const own = policy.years[String(year)];
  const assumed = own ? (own.assumed ?? false) : year > LAST_YEAR_OF_NATIONAL_RULE_ONLY && lastKnown !== null;
  const basis = own?.basis ?? (assumed && lastKnown ? `沿用${lastKnown.year}年度规定（${lastKnown.basis}）` : policy.defaults.basis);
  const merged: YearPolicy = { ...policy.defaults, ...carried, publicThemes: policy.defaults.publicThemes, ...own, basis, assumed };
  const resolved: ResolvedYearPolicy = {
    ...merged,
    year,
    requiredTenths: merged.requiredHours * 10,
    professionalRequiredTenths: merged.minProfessionalHours.hours * 10,
    publicRequiredTenths: (merged.minPublicHours?.hours ?? 0) * 10,
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
