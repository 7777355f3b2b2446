import * as z from 'zod';
import { CategorySchema, type Activity } from './hours/schemas';
import { IsoDateSchema } from './iso-date';
import { unitsWithinRange } from './plausibility';
import type { Organisation } from './organisation';

/**
 * Training filings (线下培训备案, rules §5 W3). A unit files its own offline training in advance with
 * the organisation that keeps the record: its department for professional trainings (the hr office
 * where the unit has none), the hr office for public ones. Once acknowledged and held, the unit
 * uploads attendance and the hours are credited with source `filed_training`.
 *
 *   filed ──acknowledge──▶ acknowledged ──attendance──▶ completed (more attendance may follow)
 *     └────return (reason)──▶ returned (final: the unit files a corrected training anew)
 */
export const FilingStatusSchema = z.enum(['filed', 'acknowledged', 'returned', 'completed']);
export type FilingStatus = z.infer<typeof FilingStatusSchema>;

export const FILING_STATUS_LABELS: Record<FilingStatus, string> = {
  filed: '已备案待确认',
  acknowledged: '已确认',
  returned: '已退回',
  completed: '已录入学时',
};

const units = (label: string) => z.int(`${label}须为整数`).min(0, `${label}不能小于0`).max(1000, `${label}不能大于1000`);

export const LecturerSchema = z.strictObject({
  name: z.string().trim().min(1, '授课人姓名不能为空').max(50),
  title: z.string().trim().max(100).optional().meta({ description: '职称或职务' }),
  organisation: z.string().trim().max(100).optional(),
});

export const NewFilingSchema = z
  .strictObject({
    title: z.string().trim().min(1, '培训名称不能为空').max(200),
    category: CategorySchema,
    theme: z.string().trim().min(1).max(100).optional(),
    startDate: IsoDateSchema,
    endDate: IsoDateSchema,
    days: units('天数').optional(),
    halfDays: units('半天次数').optional(),
    evenings: units('晚上次数').optional(),
    lecturers: z.array(LecturerSchema).min(1, '请至少填写一位授课人').max(50),
    location: z.string().trim().max(200).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.endDate < f.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于开始日期' });
    if ((f.days ?? 0) + (f.halfDays ?? 0) + (f.evenings ?? 0) === 0) {
      ctx.addIssue({ code: 'custom', path: ['days'], message: '天数、半天次数、晚上次数至少一项须大于0' });
    } else if (f.endDate >= f.startDate) {
      for (const issue of unitsWithinRange(f, f.startDate, f.endDate))
        ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    }
  })
  .meta({ id: 'NewFiling' });
export type NewFiling = z.infer<typeof NewFilingSchema>;

export const FilingSchema = z
  .object({
    id: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    title: z.string(),
    category: CategorySchema,
    theme: z.string().optional(),
    startDate: z.string(),
    endDate: z.string(),
    days: z.int().optional(),
    halfDays: z.int().optional(),
    evenings: z.int().optional(),
    lecturers: z.array(LecturerSchema),
    location: z.string().optional(),
    /** Who keeps the record and acknowledges it (rules §5 W3). */
    recipientOrgId: z.string(),
    recipientKind: z.enum(['department', 'hr_office']),
    status: FilingStatusSchema,
    version: z.int().min(1),
    filedAt: z.string(),
    filedBy: z.string(),
    decidedAt: z.string().optional(),
    decidedBy: z.string().optional(),
    returnReason: z.string().optional(),
    /** People credited through attendance so far. */
    attendanceCount: z.int().min(0),
  })
  .meta({ id: 'Filing' });
export type Filing = z.infer<typeof FilingSchema>;

export const AttendanceEntrySchema = z.strictObject({
  idNumber: z.string('身份证号码须为字符串').max(30),
  days: units('天数').optional(),
  halfDays: units('半天次数').optional(),
  evenings: units('晚上次数').optional(),
});
export type AttendanceEntry = z.infer<typeof AttendanceEntrySchema>;

export const MAX_ATTENDANCE_ENTRIES = 1000;

export const AttendanceInputSchema = z
  .strictObject({
    version: z.int().min(1),
    entries: z.array(AttendanceEntrySchema).min(1, '请至少填写一人').max(MAX_ATTENDANCE_ENTRIES),
  })
  .meta({ id: 'AttendanceUpload' });

export const AttendanceStatusSchema = z.enum(['credited', 'pending', 'duplicate', 'unknown_person', 'rejected']);

export const AttendanceResultSchema = z
  .object({
    index: z.int(),
    idNumberMasked: z.string(),
    status: AttendanceStatusSchema,
    recordId: z.string().optional(),
    personId: z.string().optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .meta({ id: 'AttendanceResult' });
export type AttendanceResult = z.infer<typeof AttendanceResultSchema>;

/**
 * The organisation a filing goes to: public trainings to the hr office; professional ones to the
 * unit's department, or to the hr office where the unit sits directly under it.
 */
export function filingRecipient(
  unit: Organisation,
  category: 'public' | 'professional',
  organisations: Organisation[],
): { orgId: string; kind: 'department' | 'hr_office' } {
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const chain = unit.path.map((id) => byId.get(id)).filter((o): o is Organisation => o !== undefined);
  const hrOffice = chain.find((o) => o.kind === 'hr_office');
  if (!hrOffice) throw new Error(`unit ${unit.id} has no hr office above it`);
  if (category === 'public') return { orgId: hrOffice.id, kind: 'hr_office' };
  const department = [...chain].reverse().find((o) => o.kind === 'department');
  return department ? { orgId: department.id, kind: 'department' } : { orgId: hrOffice.id, kind: 'hr_office' };
}

/**
 * The day units an attendee is credited with: their own where given (a partial attendance), else the
 * whole training. More than the filed training is an error, returned as a message.
 */
export function attendanceUnits(
  filing: Pick<Filing, 'days' | 'halfDays' | 'evenings'>,
  entry: Pick<AttendanceEntry, 'days' | 'halfDays' | 'evenings'>,
): { days: number; halfDays: number; evenings: number } | { error: string } {
  const given = entry.days !== undefined || entry.halfDays !== undefined || entry.evenings !== undefined;
  const units = given
    ? { days: entry.days ?? 0, halfDays: entry.halfDays ?? 0, evenings: entry.evenings ?? 0 }
    : { days: filing.days ?? 0, halfDays: filing.halfDays ?? 0, evenings: filing.evenings ?? 0 };
  if (units.days + units.halfDays + units.evenings === 0) return { error: '出勤天数、半天次数、晚上次数至少一项须大于0' };
  // Compare in hours (C1: 10, 4, 2): half days may stand in for a day that was attended only in part.
  const hours = (u: { days: number; halfDays: number; evenings: number }) => u.days * 10 + u.halfDays * 4 + u.evenings * 2;
  if (hours(units) > hours({ days: filing.days ?? 0, halfDays: filing.halfDays ?? 0, evenings: filing.evenings ?? 0 })) {
    return { error: '出勤学时超过备案培训的学时' };
  }
  return units;
}

/** The engine's Activity for one attendee of a filed training (C1, `training`). */
export function filedTrainingActivity(filing: Filing, units: { days: number; halfDays: number; evenings: number }): Activity {
  return {
    kind: 'training',
    date: filing.endDate,
    category: filing.category,
    title: filing.title,
    provider: filing.unitName,
    ...(filing.theme ? { theme: filing.theme } : {}),
    ...(units.days ? { days: units.days } : {}),
    ...(units.halfDays ? { halfDays: units.halfDays } : {}),
    ...(units.evenings ? { evenings: units.evenings } : {}),
  };
}
