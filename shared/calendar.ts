import * as z from 'zod';
// The package's own JSON export of its data (documented in its README): plain date → label maps,
// which avoid its Date handling — that formats with local-time getters, so in a browser west of UTC
// "2023-05-08" would be looked up as 2023-05-07.
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { ValidationError } from './errors';
import { IsoDateSchema, isRealIsoDate, toDayNumber, fromDayNumber, yearOf, YearSchema, type IsoDate } from './iso-date';

/**
 * The official mainland working-day calendar (holidays and adjusted working days), SPEC §5: a public
 * notice lasts ≥ 5 working days; the data of `chinese-days` runs to 2026, later years are loaded by the
 * hr office as overrides, and a year with neither falls back to weekends with `calendarComplete: false`.
 *
 * `chinese-days` has no notion of coverage: asked about a year it lacks, it answers from weekdays alone
 * (2027's Spring Festival would be working days). So coverage is derived from its data: a year counts
 * as covered when the data holds that year's Spring Festival, which every official arrangement has.
 */

const PACKAGE_HOLIDAYS = chineseDays.holidays as Record<string, string>;
const PACKAGE_WORKDAYS = chineseDays.workdays as Record<string, string>;

function deriveCoveredYears(): ReadonlySet<number> {
  const years = new Set<number>();
  for (const [date, label] of Object.entries(PACKAGE_HOLIDAYS)) {
    if (label.includes('春节')) years.add(yearOf(date));
  }
  return years;
}

/** Years the installed `chinese-days` has official data for (2004–2026 in 1.5.7). */
export const PACKAGE_CALENDAR_YEARS: readonly number[] = [...deriveCoveredYears()].sort((a, b) => a - b);
const PACKAGE_COVERED = new Set(PACKAGE_CALENDAR_YEARS);

/** An official arrangement for one year, loaded by the hr office; it replaces the package's data for that year. */
export const CalendarYearOverrideSchema = z
  .strictObject({
    year: YearSchema,
    /** Days off on what would be working days (法定节假日及调休休息日). */
    holidays: z.array(IsoDateSchema),
    /** Weekend days worked in lieu (调休上班日). */
    workdays: z.array(IsoDateSchema),
  })
  .refine((o) => [...o.holidays, ...o.workdays].every((d) => yearOf(d) === o.year), {
    error: '日期须在该年度内',
    path: ['holidays'],
  })
  .refine((o) => !o.holidays.some((d) => o.workdays.includes(d)), {
    error: '同一天不能既是节假日又是调休上班日',
    path: ['workdays'],
  })
  .meta({ id: 'CalendarYearOverride', description: '某年度的官方节假日安排（人社部门维护）' });
export type CalendarYearOverride = z.infer<typeof CalendarYearOverrideSchema>;

export interface WorkingCalendar {
  isWorkingDay(date: IsoDate): boolean;
  /** True when the year's official arrangement is known (package data or an override). */
  hasOfficialData(year: number): boolean;
}

/** A calendar from the package data plus per-year overrides (an override replaces that year entirely). */
export function createWorkingCalendar(overrides: readonly CalendarYearOverride[] = []): WorkingCalendar {
  const overridden = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
  for (const o of overrides) {
    overridden.set(o.year, { holidays: new Set(o.holidays), workdays: new Set(o.workdays) });
  }
  return {
    isWorkingDay(date) {
      const year = yearOf(date);
      const override = overridden.get(year);
      if (override) {
        if (override.workdays.has(date)) return true;
        if (override.holidays.has(date)) return false;
      } else if (PACKAGE_COVERED.has(year)) {
        if (PACKAGE_WORKDAYS[date] !== undefined) return true;
        if (PACKAGE_HOLIDAYS[date] !== undefined) return false;
      }
      const weekday = (((toDayNumber(date) + 4) % 7) + 7) % 7;
      return weekday !== 0 && weekday !== 6;
    },
    hasOfficialData(year) {
      return overridden.has(year) || PACKAGE_COVERED.has(year);
    },
  };
}

const defaultCalendar = createWorkingCalendar();

export function isWorkingDay(date: IsoDate, overrides?: readonly CalendarYearOverride[]): boolean {
  return (overrides?.length ? createWorkingCalendar(overrides) : defaultCalendar).isWorkingDay(date);
}

/** SPEC §5 "at least 5 working days"; a cap keeps a typo from scanning years. */
export const MAX_NOTICE_WORKING_DAYS = 60;

export const NoticeEndQuerySchema = z
  .strictObject({
    start: IsoDateSchema,
    workingDays: z.coerce
      .number('workingDays 须为数字')
      .int('workingDays 须为整数')
      .min(1, 'workingDays 不能小于1')
      .max(MAX_NOTICE_WORKING_DAYS, `workingDays 不能大于${MAX_NOTICE_WORKING_DAYS}`)
      .default(5),
  })
  .meta({ description: '公示结束日期查询' });

export const NoticeEndDateSchema = z
  .object({
    start: IsoDateSchema,
    endDate: IsoDateSchema,
    workingDays: z.int(),
    calendarComplete: z.boolean().meta({ description: 'false：范围内有年度缺少官方节假日数据，仅按周末推算' }),
  })
  .meta({
    id: 'NoticeEndDate',
    example: { start: '2023-05-08', endDate: '2023-05-12', workingDays: 5, calendarComplete: true },
  });
export type NoticeEndDate = z.infer<typeof NoticeEndDateSchema>;

/**
 * SPEC §5: "the end date is the 5th working day counting from the first working day on or after the
 * start" — 2023-05-08 (Mon), 5 → 2023-05-12. `calendarComplete` is false when any year from `start`
 * to the end date has no official data.
 */
export function noticeEndDate(
  start: IsoDate,
  workingDays: number,
  overrides: readonly CalendarYearOverride[] = [],
): NoticeEndDate {
  if (!isRealIsoDate(start)) {
    throw new ValidationError('invalid_date', '开始日期无效', [{ path: 'start', message: '日期不存在或格式不是 YYYY-MM-DD' }]);
  }
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > MAX_NOTICE_WORKING_DAYS) {
    throw new ValidationError('invalid_working_days', '工作日数无效', [
      { path: 'workingDays', message: `须为1—${MAX_NOTICE_WORKING_DAYS}的整数` },
    ]);
  }
  const calendar = overrides.length ? createWorkingCalendar(overrides) : defaultCalendar;
  let day = toDayNumber(start);
  let counted = 0;
  let date = start;
  for (;;) {
    date = fromDayNumber(day);
    if (calendar.isWorkingDay(date)) {
      counted++;
      if (counted === workingDays) break;
    }
    day++;
  }
  let calendarComplete = true;
  for (let y = yearOf(start); y <= yearOf(date); y++) {
    if (!calendar.hasOfficialData(y)) calendarComplete = false;
  }
  return { start, endDate: date, workingDays, calendarComplete };
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
const MS_PER_DAY = 86_400_000;

/**
 * The UTC instant a notice ending on `endDate` closes: 00:00 Asia/Shanghai of the next day (SPEC §5).
 * China has kept UTC+8 without daylight saving since 1992, so a fixed offset is exact for our dates.
 */
export function noticeClosesAt(endDate: IsoDate): string {
  return new Date((toDayNumber(endDate) + 1) * MS_PER_DAY - CHINA_OFFSET_MS).toISOString();
}

/** The UTC instant a notice starting on `start` opens: 00:00 Asia/Shanghai that day. */
export function noticeOpensAt(start: IsoDate): string {
  return new Date(toDayNumber(start) * MS_PER_DAY - CHINA_OFFSET_MS).toISOString();
}

/** Whether a notice running `start`…`endDate` (China dates) is open at `now` (inject the clock). */
export function isNoticeOpen(start: IsoDate, endDate: IsoDate, now: Date): boolean {
  const t = now.getTime();
  return t >= Date.parse(noticeOpensAt(start)) && t < Date.parse(noticeClosesAt(endDate));
}

/** The China date (Asia/Shanghai) of an instant: 2023-05-12T16:00:00Z → 2023-05-13. */
export function chinaDateOf(instant: Date | string | number): IsoDate {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'string' ? Date.parse(instant) : instant;
  if (!Number.isFinite(ms)) throw new ValidationError('invalid_instant', '时间无效');
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
