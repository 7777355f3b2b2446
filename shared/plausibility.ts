import type { Activity } from './hours/schemas';
import { addDays, addMonths, toDayNumber, type IsoDate } from './iso-date';

/**
 * One rule set for whether a record could have happened (issue 12 item 4, docs/decisions.md
 * "Plausible records"), applied alike to base records, unit entries, a person's own entries, filed
 * trainings and imported history. A record that fails is rejected with its reasons, never credited.
 *
 * - **Not in the future**: every date on or before today's China date.
 * - **Not before working age**: no date before the person's 16th birthday (劳动法 第十五条: no
 *   employment under 16), the birth date read from the resident ID number itself — so a base learns
 *   nothing from the answer that its own posted number did not already say.
 * - **Day units fit the dates**: a day holds one full day or two half days, plus one evening, so for
 *   a range of D calendar days (start and end inclusive): `days + halfDays / 2 ≤ D` and `evenings ≤ D`.
 *   An entry with one date only (unit entries, rules §7's activity shape) implies the range ending on
 *   that date, which must start no earlier than working age and hold no more than a year.
 */

export const WORKING_AGE_YEARS = 16;
/** The longest range one date-only C1 entry may imply: a year's 进修 (366 days in a leap year). */
export const MAX_IMPLIED_DAYS = 366;

export interface PlausibilityIssue {
  path: string;
  message: string;
}

export interface PlausibilityContext {
  /** Today's China date (shared/ has no clock). */
  today: IsoDate;
  /** From the resident ID number; omitted where no person is known (nothing then checks working age). */
  birthDate?: IsoDate;
}

/** The person's 16th birthday: the first day a record of theirs may carry. */
export function workingAgeFrom(birthDate: IsoDate): IsoDate {
  return addMonths(birthDate, WORKING_AGE_YEARS * 12);
}

/** Birth date of a (valid) resident ID number: digits 7–14. */
export function birthDateOf(idNumber: string): IsoDate {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

export function calendarDays(startDate: IsoDate, endDate: IsoDate): number {
  return toDayNumber(endDate) - toDayNumber(startDate) + 1;
}

export interface DayUnits {
  days?: number | undefined;
  halfDays?: number | undefined;
  evenings?: number | undefined;
}

/** The fewest calendar days that can hold these units: full days and pairs of half days, evenings alongside. */
export function daysNeeded(u: DayUnits): number {
  return Math.max((u.days ?? 0) + Math.ceil((u.halfDays ?? 0) / 2), u.evenings ?? 0);
}

function dateIssues(path: string, date: IsoDate, ctx: PlausibilityContext, label: string): PlausibilityIssue[] {
  if (date > ctx.today) return [{ path, message: `${label}（${date}）晚于今天` }];
  if (ctx.birthDate && date < workingAgeFrom(ctx.birthDate)) {
    return [{ path, message: `${label}（${date}）早于本人年满${WORKING_AGE_YEARS}周岁之日（${workingAgeFrom(ctx.birthDate)}）` }];
  }
  return [];
}

/** Units recorded over an explicit range (base records, filed trainings). */
export function unitsWithinRange(units: DayUnits, startDate: IsoDate, endDate: IsoDate, path = 'days'): PlausibilityIssue[] {
  const span = calendarDays(startDate, endDate);
  const issues: PlausibilityIssue[] = [];
  if ((units.days ?? 0) * 2 + (units.halfDays ?? 0) > span * 2) {
    issues.push({
      path,
      message: `天数与半天次数（折合${(units.days ?? 0) + (units.halfDays ?? 0) / 2}天）超过起止日期之间的${span}个日历日`,
    });
  }
  if ((units.evenings ?? 0) > span) {
    issues.push({ path: 'evenings', message: `晚上次数（${units.evenings}）超过起止日期之间的${span}个日历日` });
  }
  return issues;
}

/** A record with a start and an end date and, for C1 kinds, day units. */
export function rangeIssues(
  r: DayUnits & { startDate: IsoDate; endDate: IsoDate },
  ctx: PlausibilityContext,
  labels = { start: '开始日期', end: '结束日期' },
): PlausibilityIssue[] {
  // With start ≤ end, the end is the one that can lie in the future and the start the one before working age.
  return [
    ...dateIssues('startDate', r.startDate, { birthDate: ctx.birthDate, today: r.startDate }, labels.start),
    ...dateIssues('endDate', r.endDate, { today: ctx.today }, labels.end),
    ...unitsWithinRange(r, r.startDate, r.endDate),
  ];
}

/** An activity as units and people enter it (rules §7 shape: one date, or a period for C7). */
export function activityIssues(activity: Activity, ctx: PlausibilityContext): PlausibilityIssue[] {
  if (activity.kind === 'aid_assignment') {
    return [
      ...dateIssues('startDate', activity.startDate, ctx, '外派开始日期'),
      ...dateIssues('endDate', activity.endDate, ctx, '外派结束日期'),
    ];
  }
  const issues = dateIssues('date', activity.date, ctx, '日期');
  if ('days' in activity || 'halfDays' in activity || 'evenings' in activity) {
    const needed = daysNeeded(activity as DayUnits);
    if (needed > MAX_IMPLIED_DAYS) {
      issues.push({ path: 'days', message: `一条记录折合${needed}天，超过一年（${MAX_IMPLIED_DAYS}天）；请按年度分条录入` });
    } else if (issues.length === 0 && ctx.birthDate) {
      const start = addDays(activity.date, 1 - needed);
      if (start < workingAgeFrom(ctx.birthDate)) {
        issues.push({ path: 'days', message: `按${needed}天推算的开始日期（${start}）早于本人年满${WORKING_AGE_YEARS}周岁之日` });
      }
    }
  }
  return issues;
}

/** A whole year of imported history (paper years, prior certificates). */
export function yearIssues(year: number, ctx: PlausibilityContext, path = 'year'): PlausibilityIssue[] {
  if (year > Number(ctx.today.slice(0, 4))) return [{ path, message: `年度（${year}）晚于今年` }];
  if (ctx.birthDate && year < Number(workingAgeFrom(ctx.birthDate).slice(0, 4))) {
    return [{ path, message: `年度（${year}）早于本人年满${WORKING_AGE_YEARS}周岁的年度` }];
  }
  return [];
}
