import * as z from 'zod';
import { ExceptionReasonSchema, ShortfallSchema } from './certification-check';
import { ApplicationActorsSchema, ApplicationRouteSchema, ApplicationStateSchema, CertificateKindSchema } from './workflow';

/**
 * The records of W2 (学时核认): an application and what it passes through — the unit's public
 * notice, objections, the department's batch to the hr office, and the certificate (学时认定单).
 */

/** One year as the application carries it: frozen from the registration book when submitted. */
export const ApplicationYearSchema = z.object({
  year: z.int(),
  publicHours: z.number(),
  professionalHours: z.number(),
  totalHours: z.number(),
  compliant: z.boolean(),
  deemedComplete: z.boolean(),
  /** 学习内容: short zh-CN summaries of what counted, for the notice and the certificate. */
  publicContent: z.array(z.string()),
  professionalContent: z.array(z.string()),
  /** Where the figures come from: the book's status, or the certificate that already covers the year. */
  source: z.string(),
  /** Evidence complete for every counted activity of the year (base records count as their own evidence). */
  evidenceComplete: z.boolean(),
  /**
   * Paper-era certificates listing this year that no second account has confirmed yet: shown as
   * 未核验 wherever the year is shown, and covering nothing (rules §3 prior certificates).
   */
  unverifiedCertificates: z.array(z.string()).optional(),
  /**
   * The requirements of the year's policy it misses, frozen with the figures (absent on years frozen
   * before they were kept: shared/certification-check.ts `shortfallsOf` reads those).
   */
  shortfalls: z.array(ShortfallSchema).optional(),
});
export type ApplicationYear = z.infer<typeof ApplicationYearSchema>;

/** 中级 (intermediate) leads to the tenant's 合格证明, 副高 and 正高 to the 学时认定单 (rules §3). */
export const TitleLevelAppliedSchema = z.enum(['intermediate', 'associate_senior', 'senior']);

/** The heading of the province-wide senior certificate. */
export const SENIOR_CERTIFICATE_TITLE = '湖南省专业技术人员继续教育学时认定单';

/** Which certificate an application leads to; applications stored before mid-level ones are senior. */
const KindField = CertificateKindSchema.default('senior').meta({
  description: 'senior 学时认定单（高级职称）；mid_level 合格证明（中级职称）',
});

export const ApplicationSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  unitId: z.string(),
  applicationYear: z.int(),
  titleLevel: TitleLevelAppliedSchema,
  kind: KindField,
  span: z.object({ from: z.int(), to: z.int() }).nullable(),
  spanNote: z.string(),
  coveredYears: z.array(z.object({ year: z.int(), certificateNumber: z.string() })),
  years: z.array(ApplicationYearSchema),
  route: ApplicationRouteSchema,
  state: ApplicationStateSchema,
  version: z.int().min(1),
  noticeId: z.string().optional(),
  batchId: z.string().optional(),
  certificateNumber: z.string().optional(),
  /** The last reason given (return, objection upheld, withdrawal), shown to the clerk. */
  lastReason: z.string().optional(),
  /** Who performed each duty so far (rules §6 separation of duties), checked on every step. */
  actors: ApplicationActorsSchema.optional(),
  /**
   * The written reasons for moving on with a short year or incomplete evidence, one per step that did
   * (issue 14): who, when, which step. Shown on every later step and printed on the certificate.
   */
  exceptionReasons: z.array(ExceptionReasonSchema).optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type Application = z.infer<typeof ApplicationSchema>;

export const NoticeSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  /** false: the calendar had no official data for a year in the range and counted weekends only. */
  calendarComplete: z.boolean(),
  contact: z.string(),
  applicationIds: z.array(z.string()),
  status: z.enum(['open', 'closed']),
  /**
   * 第N批: the notice's number among the unit's notices starting in the same year (its start date's),
   * gapless from 1. Absent on notices published before numbering; `noticeBatchLabel` then says none.
   */
  batchNo: z.int().min(1).optional(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Notice = z.infer<typeof NoticeSchema>;

/** The year a notice is numbered in: its start date's (a China date), so 第N批 restarts every January. */
export function noticeYear(notice: Pick<Notice, 'startDate'>): number {
  return Number(notice.startDate.slice(0, 4));
}

/**
 * How a notice is told apart from the unit's other notices on every screen and on paper: 2026年第2批.
 * Notices published before numbering have no label (an empty string), never a made-up number.
 */
export function noticeBatchLabel(notice: Pick<Notice, 'startDate' | 'batchNo'>): string {
  return notice.batchNo ? `${noticeYear(notice)}年第${notice.batchNo}批` : '';
}

/**
 * One person as a notice published them (rules §5 frozen notices): the per-year content and hours at
 * publication, kept beside the notice and never rewritten, whatever later happens to the application.
 */
export const NoticeEntrySchema = z.object({
  noticeId: z.string(),
  applicationId: z.string(),
  personId: z.string(),
  personName: z.string(),
  titleLevel: TitleLevelAppliedSchema,
  kind: KindField,
  span: z.object({ from: z.int(), to: z.int() }).nullable(),
  years: z.array(
    ApplicationYearSchema.pick({
      year: true,
      publicHours: true,
      professionalHours: true,
      totalHours: true,
      publicContent: true,
      professionalContent: true,
      deemedComplete: true,
      unverifiedCertificates: true,
    }),
  ),
});
export type NoticeEntry = z.infer<typeof NoticeEntrySchema>;

export const ObjectionSchema = z.object({
  id: z.string(),
  /** 受理编号 given to the objector (objections lodged before it existed have none). */
  receiptNo: z.string().optional(),
  noticeId: z.string(),
  applicationId: z.string(),
  name: z.string().optional(),
  contact: z.string(),
  text: z.string(),
  status: z.enum(['open', 'upheld', 'dismissed']),
  createdAt: z.string(),
  resolvedAt: z.string().optional(),
  resolution: z.string().optional(),
});
export type Objection = z.infer<typeof ObjectionSchema>;

export const BatchSchema = z.object({
  id: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  applicationIds: z.array(z.string()),
  /** The certificates its applications lead to (学时认定单, 合格证明), as submitted; absent on older batches: senior. */
  kinds: z.array(CertificateKindSchema).optional(),
  /** A record of the department's electronic seal as applied (who, when, and the seal's reference). */
  seal: z.object({ by: z.string(), name: z.string(), at: z.string(), reference: z.string() }),
  /**
   * `cancelled`: the department took it back before the hr office accepted it, or its last
   * application was withdrawn; its applications are free to join a new batch.
   */
  status: z.enum(['submitted', 'accepted', 'cancelled']),
  /** Moves with every change of a submitted batch (absent on batches written before it existed: 1). */
  version: z.int().min(1).optional(),
  createdAt: z.string(),
  acceptedAt: z.string().optional(),
  acceptedBy: z.string().optional(),
  cancelledAt: z.string().optional(),
  cancelledBy: z.string().optional(),
  cancelReason: z.string().optional(),
  /** Applications withdrawn while in the batch: they left it, with the withdrawal's reason. */
  removed: z
    .array(z.object({ applicationId: z.string(), personName: z.string(), reason: z.string(), by: z.string(), at: z.string() }))
    .optional(),
});
export const BATCH_STATUS_LABELS: Record<Batch['status'], string> = { submitted: '待受理', accepted: '已受理', cancelled: '已撤销' };
export type Batch = z.infer<typeof BatchSchema>;

export const CertificateSchema = z.object({
  number: z.string(),
  /** Printed on the certificate and carried by its QR link; without it the number verifies nothing. */
  verificationCode: z.string(),
  applicationId: z.string(),
  personId: z.string(),
  holderName: z.string(),
  idNumberMasked: z.string(),
  unitName: z.string(),
  titleLevel: TitleLevelAppliedSchema,
  kind: KindField,
  /** The heading printed: the 学时认定单's, or the tenant's 合格证明 title as it was when issued. */
  title: z.string().default(SENIOR_CERTIFICATE_TITLE),
  span: z.object({ from: z.int(), to: z.int() }).nullable(),
  years: z.array(ApplicationYearSchema),
  /** The reasons the application was moved on with short years or incomplete evidence, as issued. */
  exceptionReasons: z.array(ExceptionReasonSchema).optional(),
  issuer: z.string(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  status: z.enum(['valid', 'revoked']),
  revokedAt: z.string().optional(),
  revokedReason: z.string().optional(),
});
export type Certificate = z.infer<typeof CertificateSchema>;
