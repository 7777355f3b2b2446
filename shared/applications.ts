import * as z from 'zod';
import { ApplicationActorsSchema, ApplicationRouteSchema, ApplicationStateSchema } from './workflow';

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
});
export type ApplicationYear = z.infer<typeof ApplicationYearSchema>;

export const TitleLevelAppliedSchema = z.enum(['associate_senior', 'senior']);

export const ApplicationSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  unitId: z.string(),
  applicationYear: z.int(),
  titleLevel: TitleLevelAppliedSchema,
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
  /** Who performed each duty so far (SPEC §6 separation of duties), checked on every step. */
  actors: ApplicationActorsSchema.optional(),
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
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Notice = z.infer<typeof NoticeSchema>;

export const ObjectionSchema = z.object({
  id: z.string(),
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
  /** A record of the department's electronic seal as applied (who, when, and the seal's reference). */
  seal: z.object({ by: z.string(), name: z.string(), at: z.string(), reference: z.string() }),
  status: z.enum(['submitted', 'accepted']),
  createdAt: z.string(),
  acceptedAt: z.string().optional(),
  acceptedBy: z.string().optional(),
});
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
  span: z.object({ from: z.int(), to: z.int() }).nullable(),
  years: z.array(ApplicationYearSchema),
  issuer: z.string(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  status: z.enum(['valid', 'revoked']),
  revokedAt: z.string().optional(),
  revokedReason: z.string().optional(),
});
export type Certificate = z.infer<typeof CertificateSchema>;
