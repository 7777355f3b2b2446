import * as z from 'zod';
import type { YearPolicy } from './policy';

/**
 * What each step of W2 must see about an application's years (issue 14 item 1): per year, 达标 or the
 * shortfall named from that year's policy, and whether the year's evidence is complete. An application
 * with a short year or incomplete evidence may still go on — the reviewer may know better than the
 * figures — but only with a written reason, kept on the application and shown to every later step; and
 * whatever it leads to says plainly which years fall short.
 */

/** One requirement of the year's policy that the year's hours do not meet. */
export const ShortfallSchema = z.object({
  code: z.enum(['required_hours_short', 'public_hours_short', 'professional_hours_short']),
  /** A hard requirement decides compliance; a soft one ("一般") is only shown. */
  hard: z.boolean(),
  /** zh-CN, e.g. "全年不足90学时（合计30学时，差60学时）", "公需科目不足30学时（20学时）". */
  message: z.string(),
});
export type Shortfall = z.infer<typeof ShortfallSchema>;

/** The year's figures the check reads (an application's or a certificate's year). */
export interface CheckedYear {
  year: number;
  publicHours: number;
  professionalHours: number;
  totalHours: number;
  compliant: boolean;
  deemedComplete: boolean;
  evidenceComplete: boolean;
  shortfalls?: Shortfall[];
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);

/**
 * The requirements of `policy` the year misses, in the policy's own numbers (2025: public ≥ 30 hard;
 * 2023: professional "一般" ≥ 60, soft). A year deemed complete (C7) misses nothing.
 */
export function yearShortfalls(
  y: Pick<CheckedYear, 'publicHours' | 'professionalHours' | 'totalHours' | 'deemedComplete'>,
  policy: Pick<YearPolicy, 'requiredHours' | 'minPublicHours' | 'minProfessionalHours'>,
): Shortfall[] {
  if (y.deemedComplete) return [];
  const out: Shortfall[] = [];
  if (y.totalHours < policy.requiredHours) {
    out.push({
      code: 'required_hours_short',
      hard: true,
      message:
        y.totalHours === 0
          ? `全年不足${policy.requiredHours}学时（无学时记录）`
          : `全年不足${policy.requiredHours}学时（合计${fmt(y.totalHours)}学时，差${fmt(policy.requiredHours - y.totalHours)}学时）`,
    });
  }
  const pub = policy.minPublicHours;
  if (pub && y.publicHours < pub.hours) {
    out.push({
      code: 'public_hours_short',
      hard: pub.hard,
      message: `公需科目${pub.hard ? '' : '一般'}不足${pub.hours}学时（${fmt(y.publicHours)}学时）`,
    });
  }
  const pro = policy.minProfessionalHours;
  if (y.professionalHours < pro.hours) {
    out.push({
      code: 'professional_hours_short',
      hard: pro.hard,
      message: pro.hard
        ? `专业科目不足${pro.hours}学时（${fmt(y.professionalHours)}学时）`
        : `专业科目一般不少于${pro.hours}学时（${fmt(y.professionalHours)}学时，一般要求）`,
    });
  }
  return out;
}

/**
 * The shortfalls to show: those frozen with the year, or — for a year frozen before they were kept —
 * at least the total against 90, which every year's policy has required.
 */
export function shortfallsOf(y: CheckedYear): Shortfall[] {
  if (y.shortfalls) return y.shortfalls;
  if (y.compliant) return [];
  const total = yearShortfalls(y, { requiredHours: 90, minPublicHours: null, minProfessionalHours: { hours: 60, hard: false } });
  return total.length ? total.filter((s) => s.hard) : [{ code: 'required_hours_short', hard: true, message: '未达到本年度学时要求' }];
}

/** A year that needs a written reason before the application moves on: short, or evidence incomplete. */
export const yearNeedsReason = (y: CheckedYear) => !y.compliant || !y.evidenceComplete;

/** The years of an application that need a reason at every step forward. */
export const flaggedYears = <Y extends CheckedYear>(years: readonly Y[]): Y[] => years.filter(yearNeedsReason);

/** One line per year: "达标" / "视同完成" / "未达标：全年不足90学时（…）", plus the evidence state. */
export function yearVerdict(y: CheckedYear): { ok: boolean; label: string; shortfalls: string[] } {
  if (y.compliant) return { ok: true, label: y.deemedComplete ? '视同完成' : '达标', shortfalls: [] };
  return {
    ok: false,
    label: '未达标',
    shortfalls: shortfallsOf(y)
      .filter((s) => s.hard)
      .map((s) => s.message),
  };
}

/**
 * A reason given to move on an application with flagged years (who, when, at which step): kept on the
 * application, shown on every later step, printed on its certificate.
 */
export const ExceptionReasonSchema = z.object({
  /** The step: unit_approve, publish, dept_approve, file or issue. */
  action: z.string(),
  reason: z.string(),
  by: z.string(),
  byName: z.string(),
  at: z.string(),
});
export type ExceptionReason = z.infer<typeof ExceptionReasonSchema>;

const yearList = (years: readonly { year: number }[]) => years.map((y) => `${y.year}`).join('、') + '年度';

/**
 * The certificate's conclusion in words that match its figures. All years met: the usual formula. Any
 * short year or incomplete evidence: which years, and that it was passed on with the recorded reasons —
 * never "属实，予以认定" alone over short years. `kind` picks the 合格证明's closing.
 */
export function certificateConclusion(
  years: readonly CheckedYear[],
  options: { kind: 'senior' | 'mid_level'; withReasons: boolean },
): { allMet: boolean; text: string } {
  const short = years.filter((y) => !y.compliant);
  const noEvidence = years.filter((y) => y.compliant && !y.evidenceComplete);
  if (short.length === 0 && noEvidence.length === 0) {
    return {
      allMet: true,
      text:
        options.kind === 'mid_level'
          ? '经审核，该同志上述年度继续教育学时均达到规定要求，继续教育合格，特此证明。'
          : '经审核，该同志上述年度继续教育学时均达到规定要求，情况属实，予以认定。',
    };
  }
  const met = years.filter((y) => y.compliant && y.evidenceComplete);
  const parts = [
    met.length ? `${yearList(met)}学时达到规定要求` : '',
    noEvidence.length ? `${yearList(noEvidence)}学时达到要求但佐证材料不齐全` : '',
    short.length
      ? `${yearList(short)}未达到规定要求（${short.map((y) => `${y.year}年${yearVerdict(y).shortfalls.join('、')}`).join('；')}）`
      : '',
  ].filter(Boolean);
  return {
    allMet: false,
    text:
      `经审核，该同志${parts.join('；')}。` +
      (options.withReasons ? '上述情况经审核人员书面说明理由后继续办理，理由如下。' : '上述情况经审核人员书面说明理由后继续办理。') +
      (short.length ? '本证明如实记载各年度学时，未达标年度不因此视为达标。' : ''),
  };
}
