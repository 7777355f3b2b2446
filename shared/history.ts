import * as z from 'zod';
import { CATEGORY_LABELS, formatTenths } from './hours/notes';
import { HoursInputSchema, PriorCertificateSchema, type Category, type PreviewResponse, type PriorCertificate } from './hours/schemas';
import { YearSchema } from './iso-date';

/**
 * A person's history from before the system (rules §3 certification span, issue 4 item 5): prior
 * 学时认定单 and the paper-era yearly totals of the 登记手册. Both enter the engine the same way: a year
 * they cover takes its hours from them, and activities attributed to that year are not counted again
 * (docs/decisions.md "Legacy history").
 */

/** Paper-era certificates were numbered by many offices; only our pseudo-numbers are reserved. */
const LEGACY_PREFIX = 'legacy-';

export const CertificateNumberSchema = z
  .string('认定单编号须为文本')
  .trim()
  .min(1, '认定单编号不能为空')
  .max(100, '认定单编号不能超过100个字符')
  .refine((n) => !n.toLowerCase().startsWith(LEGACY_PREFIX), `认定单编号不能以 ${LEGACY_PREFIX} 开头`);

/**
 * A number in this system's format (`HN-{tenant}-…`, rules §3 revised) issued by this stack: it counts
 * only as the issued, unrevoked certificate of the same person, and its years are read from it. The
 * check is on the trimmed, case-folded text, so `hn-430100-…` or a trailing space is no way around it.
 * Numbers of another city's stack cannot be matched here and are treated like paper-era ones.
 */
export function isOwnSystemCertificateNumber(number: string, tenant: string): boolean {
  return /^HN-(\d{6})-/.exec(number.trim().toUpperCase())?.[1] === tenant;
}

/** The form of a number of this stack as it is stored and compared: trimmed, upper case. */
export function normaliseSystemCertificateNumber(number: string): string {
  return number.trim().toUpperCase();
}

export const NewPriorCertificateSchema = z
  .strictObject({
    number: CertificateNumberSchema,
    /** Paper-era certificates only: a number of this system is read from the issued certificate, never typed. */
    years: PriorCertificateSchema.shape.years.optional(),
  })
  .meta({
    id: 'NewPriorCertificate',
    description:
      '已有的学时认定单。本系统编号（HN-…）：只填编号，须与该人员已出具、未撤销的认定单一致，年度和学时取自该认定单；' +
      '纸质认定单：填写编号和各年度公需、专业学时，上传扫描件，由录入人以外的单位审核人核验后方计入。',
  });

/**
 * `verified`: matched an issued certificate of this stack (`system`), or confirmed against its scan by
 * a unit reviewer other than the account that entered it (`scan`). `unverified` (also when absent: items
 * written before verification existed, and every import) covers no year. `revoked`: the issued
 * certificate it matched was revoked.
 */
export const PriorCertificateVerificationSchema = z.object({
  status: z.enum(['unverified', 'verified', 'revoked']),
  method: z.enum(['system', 'scan']).optional(),
  by: z.string().optional(),
  byName: z.string().optional(),
  at: z.string().optional(),
});
export type PriorCertificateVerification = z.infer<typeof PriorCertificateVerificationSchema>;

/** Not strict like the input: stored items carry their keys, which reading drops. */
export const StoredPriorCertificateSchema = z
  .object({
    ...PriorCertificateSchema.shape,
    personId: z.string(),
    source: z.literal('prior_certificate'),
    /** The Excel import that wrote it; absent when a clerk entered it by hand. */
    importId: z.string().optional(),
    createdAt: z.string(),
    createdBy: z.string(),
    verification: PriorCertificateVerificationSchema.optional(),
  })
  .meta({ id: 'StoredPriorCertificate' });
export type StoredPriorCertificate = z.infer<typeof StoredPriorCertificateSchema>;

export const PRIOR_CERTIFICATE_STATUS_LABELS = { verified: '已核验', unverified: '未核验', revoked: '已撤销' } as const;

export function priorCertificateStatus(c: Pick<StoredPriorCertificate, 'verification'>): PriorCertificateVerification['status'] {
  return c.verification?.status ?? 'unverified';
}

/** Only verified certificates cover years (rules §3): an unverified or revoked one covers none. */
export function countingCertificates<C extends Pick<StoredPriorCertificate, 'verification'>>(certificates: readonly C[]): C[] {
  return certificates.filter((c) => priorCertificateStatus(c) === 'verified');
}

/** The certificates listing `year` that do not count (yet): the book, the application and the notice say so. */
export function uncountedCertificatesOf(certificates: readonly StoredPriorCertificate[], year: number): string[] {
  return certificates.filter((c) => priorCertificateStatus(c) !== 'verified' && c.years.some((y) => y.year === year)).map((c) => c.number);
}

/** One person-year of the paper 登记手册: the totals the unit confirmed then, and what was studied. */
export const LegacyYearSchema = z.object({
  year: YearSchema,
  publicHours: HoursInputSchema,
  professionalHours: HoursInputSchema,
  /** 学习内容: a summary of what was studied, as written on paper. */
  content: z.string().max(500).optional(),
  /** 确认单位: the unit that confirmed the year on paper. */
  confirmingUnit: z.string().min(1).max(100),
});
export type LegacyYear = z.infer<typeof LegacyYearSchema>;

export const StoredLegacyYearSchema = LegacyYearSchema.extend({
  personId: z.string(),
  source: z.literal('legacy_import'),
  importId: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
}).meta({ id: 'LegacyYear' });
export type StoredLegacyYear = z.infer<typeof StoredLegacyYearSchema>;

/** The id a paper year's items carry in the engine's result. */
export function legacyItemId(year: number): string {
  return `${LEGACY_PREFIX}${year}`;
}

/**
 * The certificates the engine is given: real ones, then one pseudo-certificate per paper year that no
 * real certificate covers. A real certificate wins over paper: it is the office's own verified figure.
 */
export function historyForEngine(certificates: readonly PriorCertificate[], legacyYears: readonly LegacyYear[]): PriorCertificate[] {
  const certified = new Set(certificates.flatMap((c) => c.years.map((y) => y.year)));
  const paper = legacyYears
    .filter((l) => !certified.has(l.year))
    .map((l): PriorCertificate => ({
      number: legacyItemId(l.year),
      years: [{ year: l.year, publicHours: l.publicHours, professionalHours: l.professionalHours }],
    }));
  return [...certificates.map((c) => ({ number: c.number, years: c.years })), ...paper];
}

export function noteLegacy(l: LegacyYear, category: Category, tenths: number): string {
  const content = l.content?.trim() ? `；学习内容：${l.content.trim()}` : '';
  return `${l.year}年度纸质登记手册（确认单位：${l.confirmingUnit}）：${CATEGORY_LABELS[category]}${formatTenths(tenths)}学时${content}`;
}

/**
 * The engine explains a pseudo-certificate as a 学时认定单; this rewrites those explanations in terms
 * of the paper record (confirming unit and content), and the "covered" rejections likewise: their
 * message is the label followed by the covering numbers in brackets, `…（n1、n2）`.
 */
export function explainLegacyYears(preview: PreviewResponse, legacyYears: readonly LegacyYear[]): PreviewResponse {
  if (legacyYears.length === 0) return preview;
  const byId = new Map(legacyYears.map((l) => [legacyItemId(l.year), l]));
  const paperName = (id: string) => (byId.has(id) ? `${id.slice(LEGACY_PREFIX.length)}年度纸质登记手册` : id);
  return {
    years: preview.years.map((y) => ({
      ...y,
      items: y.items.map((item) => {
        const l = item.kind === 'prior_certificate' ? byId.get(item.activityId) : undefined;
        return l ? { ...item, note: noteLegacy(l, item.category, Math.round(item.hours * 10)) } : item;
      }),
    })),
    rejected: preview.rejected.map((r) => {
      const match = /（([^（）]+)）$/.exec(r.message);
      if (r.code !== 'covered_by_certificate' || !match) return r;
      const ids = match[1]!.split('、');
      if (!ids.some((id) => byId.has(id))) return r;
      const label = ids.every((id) => byId.has(id))
        ? '该年度学时以纸质登记手册（历史导入）为准，不再计入'
        : '该年度已由学时认定单或纸质登记手册认定，不再计入';
      return { ...r, message: `${label}（${ids.map(paperName).join('、')}）` };
    }),
  };
}
