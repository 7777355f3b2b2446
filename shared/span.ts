import * as z from 'zod';
import { YearSchema } from './iso-date';

/** rules §7: a span of at most 50 years. */
export const MAX_SPAN_YEARS = 50;

/** An inclusive range of years, `from` ≤ `to` (rules §7 preview `span`). */
export const YearSpanSchema = z
  .strictObject({ from: YearSchema, to: YearSchema })
  .refine((s) => s.from <= s.to, { error: '起始年度（from）不能晚于结束年度（to）', path: ['to'], abort: true })
  .refine((s) => s.to - s.from + 1 <= MAX_SPAN_YEARS, {
    error: `年度跨度不能超过${MAX_SPAN_YEARS}年`,
    path: ['to'],
  })
  .meta({ description: '核认跨度（含首尾年度）', example: { from: 2018, to: 2022 } });
export type YearSpan = z.infer<typeof YearSpanSchema>;

export function yearsOf(span: YearSpan): number[] {
  const years: number[] = [];
  for (let y = span.from; y <= span.to; y++) years.push(y);
  return years;
}

/** Only the years a certificate covers matter here; the hours schema lives with the engine. */
export interface CertificateYears {
  number: string;
  years: ReadonlyArray<{ year: number }>;
}

export interface CertificationSpanInput {
  /** The year the person applies for a senior title (2023 → span 2018–2022). */
  applicationYear: number;
  /** 中级 (intermediate, the mid-level 合格证明), 副高 (associate_senior) or 正高 (senior); the doctor rule only concerns 副高. */
  titleLevel?: 'intermediate' | 'associate_senior' | 'senior';
  /**
   * Years before the application year the span covers: 5 for senior titles (通知三); for 中级 the
   * tenant's mid-level policy by degree (rules §3: 4, or 3 for a master's degree).
   */
  spanYears?: number;
  /** Why the span has that length, for the note (e.g. 中级职称，硕士研究生). */
  spanReason?: string;
  /** Year the doctorate was awarded, if any. */
  doctorateYear?: number;
  /** Tenant policy flag (HoursPolicy.doctorSpanFromDoctorate). */
  doctorSpanFromDoctorate?: boolean;
  /** 学时认定单 the person already holds. */
  priorCertificates?: readonly CertificateYears[];
}

export interface CertificationSpan {
  /** The years to verify, or null when none are left (a doctorate awarded in the application year). */
  span: YearSpan | null;
  /** True when the doctor policy moved the start. */
  doctorRuleApplied: boolean;
  /** Span years already certified, with the certificate that covers each. */
  coveredYears: { year: number; certificateNumber: string }[];
  /** Span years that still need records. */
  yearsNeedingRecords: number[];
  /** zh-CN explanation for the applicant. */
  note: string;
}

/**
 * 通知三："2023年度参评高级职称继续教育学时核认跨度为2018~2022年（博士参评副高按相关规定执行）" and
 * 通知四(二)："办理了2017-2021年学时认定单的，2023年度办理时，提供以前的学时认定单和2022年度相关材料即可".
 * Mid-level titles pass their own `spanYears` (rules §3 "mid-level titles").
 */
export function computeCertificationSpan(input: CertificationSpanInput): CertificationSpan {
  const { applicationYear } = input;
  const to = applicationYear - 1;
  let from = applicationYear - (input.spanYears ?? 5);
  let doctorRuleApplied = false;
  if (
    input.doctorSpanFromDoctorate &&
    input.titleLevel === 'associate_senior' &&
    input.doctorateYear !== undefined &&
    input.doctorateYear > from
  ) {
    from = input.doctorateYear;
    doctorRuleApplied = true;
  }
  if (from > to) {
    return {
      span: null,
      doctorRuleApplied,
      coveredYears: [],
      yearsNeedingRecords: [],
      note: `博士学位于${input.doctorateYear}年取得，${applicationYear}年申报副高无需核认以前年度学时`,
    };
  }

  const coverBy = new Map<number, string>();
  // Sorted by number so that a year on two certificates is credited to the same one every time.
  const certificates = [...(input.priorCertificates ?? [])].sort((a, b) => (a.number < b.number ? -1 : 1));
  for (const certificate of certificates) {
    for (const { year } of certificate.years) {
      if (year >= from && year <= to && !coverBy.has(year)) coverBy.set(year, certificate.number);
    }
  }
  const coveredYears: CertificationSpan['coveredYears'] = [];
  const yearsNeedingRecords: number[] = [];
  for (let year = from; year <= to; year++) {
    const number = coverBy.get(year);
    if (number === undefined) yearsNeedingRecords.push(year);
    else coveredYears.push({ year, certificateNumber: number });
  }

  const parts = [`${applicationYear}年申报${input.spanReason ? `${input.spanReason}` : ''}，核认跨度${from}—${to}年`];
  if (doctorRuleApplied) parts.push(`（博士参评副高，自取得博士学位的${from}年起算）`);
  if (coveredYears.length > 0) {
    const numbers = [...new Set(coveredYears.map((c) => c.certificateNumber))].join('、');
    parts.push(`；${formatYears(coveredYears.map((c) => c.year))}已由学时认定单${numbers}认定`);
    parts.push(yearsNeedingRecords.length > 0 ? `，只需提供${formatYears(yearsNeedingRecords)}的材料` : '，无需另行提供材料');
  }
  return { span: { from, to }, doctorRuleApplied, coveredYears, yearsNeedingRecords, note: parts.join('') };
}

/** 2018、2019、2022年 → "2018—2019、2022年". */
export function formatYears(years: readonly number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  const ranges: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(i === j ? `${sorted[i]}` : `${sorted[i]}—${sorted[j]}`);
    i = j + 1;
  }
  return `${ranges.join('、')}年`;
}

/** Education levels that count as a master's degree or higher for the mid-level span (rules §3). */
const MASTER_OR_HIGHER = new Set(['master', 'doctorate']);

/**
 * The mid-level span's length (rules §3 "mid-level titles"): the tenant's `masterSpanYears` for a
 * master's degree or higher (a doctorate never makes the span longer than a master's), else `spanYears`.
 */
export function midLevelSpan(policy: { spanYears: number; masterSpanYears: number }, education: string | undefined) {
  const master = education !== undefined && MASTER_OR_HIGHER.has(education);
  return master
    ? { spanYears: policy.masterSpanYears, spanReason: `中级职称（硕士研究生及以上学历，前${policy.masterSpanYears}年）` }
    : { spanYears: policy.spanYears, spanReason: `中级职称（前${policy.spanYears}年）` };
}
