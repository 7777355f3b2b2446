import * as z from 'zod';
import { YearPolicySchema } from './policy';
import { ROLES } from './contract';
import { KIND_LABELS } from './hours/notes';
import { ActivitySchema, RejectedActivitySchema, YearResultSchema, type Activity } from './hours/schemas';

/**
 * The stored record of a person's learning (rules §5 W1). An activity record wraps the engine's
 * Activity with where it came from and its workflow state; a registration book holds one
 * person-year's engine result and its sign-off. Nothing is deleted: withdrawn items keep history.
 */

export const ActivitySourceSchema = z.enum([
  'unit_entry', // entered by the unit
  'person_entry', // entered by the person themself: pending until the unit accepts it (rules §6)
  'base_record', // posted by a training base (W4)
  'filed_training', // a unit's filed offline training (W3)
  'prior_certificate', // carried over from a 学时认定单
  'legacy_import', // paper-era history imported from Excel
]);
export type ActivitySource = z.infer<typeof ActivitySourceSchema>;

/**
 * `active` counts; `pending` waits for the unit to accept it — an item that arrived for a confirmed
 * (locked) year (the unit reopens the year first), or a person's own entry (rules §6); `withdrawn` no
 * longer counts but is kept.
 */
export const ActivityStatusSchema = z.enum(['active', 'pending', 'withdrawn']);
export type ActivityStatus = z.infer<typeof ActivityStatusSchema>;

export const ActivityRecordSchema = z.object({
  id: z.string().min(1),
  personId: z.string().min(1),
  /** The unit the person belonged to when the record was made (scoping follows the person's current unit). */
  unitId: z.string().min(1),
  activity: ActivitySchema,
  source: ActivitySourceSchema,
  status: ActivityStatusSchema,
  /** The calendar years the activity is attributed to (an aid assignment may span several). */
  years: z.array(z.int()).min(1),
  version: z.int().min(1),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /** Training-base records: base id and the base's own record id. */
  baseId: z.string().optional(),
  externalId: z.string().optional(),
});
export type ActivityRecord = z.infer<typeof ActivityRecordSchema>;

export const BookStatusSchema = z.enum(['open', 'unit_confirmed', 'dept_confirmed']);
export type BookStatus = z.infer<typeof BookStatusSchema>;

export const BOOK_STATUS_LABELS: Record<BookStatus, string> = {
  open: '未确认',
  unit_confirmed: '单位已确认',
  dept_confirmed: '主管部门已确认',
};

export const SignOffSchema = z.object({ by: z.string(), name: z.string(), at: z.string() });

/** 登记手册: one person-year. `result` is the engine's output over the year's active activities. */
export const RegistrationBookSchema = z.object({
  personId: z.string(),
  unitId: z.string(),
  year: z.int(),
  status: BookStatusSchema,
  result: YearResultSchema,
  rejected: z.array(RejectedActivitySchema),
  /** Activities waiting for this locked year. */
  pendingCount: z.int().min(0),
  version: z.int().min(0),
  /** The person's activity revision this result was computed from: a stale recompute never overwrites a newer one. */
  sourceRevision: z.int().min(0),
  unitConfirmed: SignOffSchema.optional(),
  deptConfirmed: SignOffSchema.optional(),
  /** Share-short years a reviewer accepts with a written reason (rules §3 R1). */
  acceptedShortShareReason: z.string().optional(),
  /** Confirmed although this many counted items lacked complete evidence, with the unit's written reason. */
  acceptedMissingEvidence: z.object({ count: z.int(), reason: z.string() }).optional(),
  /** The year policy the result was computed with; a confirmed year keeps it (books written before it was recorded have none). */
  policy: YearPolicySchema.optional(),
});
export type RegistrationBook = z.infer<typeof RegistrationBookSchema>;

/** Append-only: who did what to which entity, when, and why. */
export const AuditEventSchema = z.object({
  id: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  actor: z.string(),
  actorName: z.string().optional(),
  role: z.enum([...ROLES, 'training_base', 'system', 'public']),
  at: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  reason: z.string().optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** The calendar years an activity is attributed to (rules §3 year attribution; C7 by its period). */
export function attributedYears(activity: z.infer<typeof ActivitySchema>): number[] {
  if (activity.kind === 'aid_assignment') {
    const from = Number(activity.startDate.slice(0, 4));
    const to = Number(activity.endDate.slice(0, 4));
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  return [Number(activity.date.slice(0, 4))];
}

/** 「论文「基层医疗数字化实践」」: how people know an activity, on screens and in the API's messages. */
export function activityLabel(record: { activity: Pick<Activity, 'kind' | 'title'> }): string {
  const title = record.activity.title?.trim();
  return `${KIND_LABELS[record.activity.kind]}${title ? `「${title}」` : ''}`;
}
