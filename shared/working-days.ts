import * as z from 'zod';
// The package's own JSON export of its data (documented in its README): plain date → label maps,
// which avoid its Date handling — that formats with local-time getters, so in a browser west of UTC
// "2023-05-08" would be looked up as 2023-05-07.
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { ValidationError } from './errors';
import { IsoDateSchema, isRealIsoDate, toDayNumber, fromDayNumber, weekdayOf, yearOf, YearSchema, type IsoDate } from './iso-date';
import { statutoryHolidays } from './statutory-holidays';

/**
 * The official mainland working-day calendar (holidays and adjusted working days), rules §5: a public
 * notice lasts ≥ 5 working days. Three sources, in this order for a year:
 *  1. an arrangement the hr office loaded (the State Council General Office's notice for that year);
 *  2. the data of `chinese-days` (2004–2026 in 1.5.7);
 *  3. none: weekends and the statutory holidays the national regulation fixes by date are non-working
 *     (statutory-holidays.ts), and the answer says `calendarComplete: false`. Adjusted working
 *     Saturdays are unknown then and count as days off, so a notice is never shorter than it should be.
 *
 * `chinese-days` has no notion of coverage: asked about a year it lacks, it answers from weekdays alone.
 * So coverage is derived from its data: a year counts as covered when the data holds that year's Spring
 * Festival, which every official arrangement has.
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

/** The package's arrangement of a year it covers, in the shape of a loaded one (for the hr office's screen). */
export function packageArrangement(year: number): { holidays: IsoDate[]; workdays: IsoDate[] } | null {
  if (!PACKAGE_COVERED.has(year)) return null;
  const prefix = `${year}-`;
  return {
    holidays: Object.keys(PACKAGE_HOLIDAYS)
      .filter((d) => d.startsWith(prefix))
      .sort(),
    workdays: Object.keys(PACKAGE_WORKDAYS)
      .filter((d) => d.startsWith(prefix))
      .sort(),
  };
}

/** The first year the 2024 revision of the holiday regulation (13 statutory days) applies to. */
export const CURRENT_HOLIDAY_REGULATION_FROM = 2025;

export const CalendarSourceSchema = z
  .strictObject({
    /** The State Council General Office notice, e.g. 国办发明电〔2025〕7号. */
    document: z.string().trim().min(2, '请填写发文字号').max(100, '发文字号不能超过100个字符'),
    publishedOn: IsoDateSchema.meta({ description: '发布日期' }),
  })
  .meta({ id: 'CalendarSource', description: '放假安排的来源：国务院办公厅通知的文号与发布日期' });
export type CalendarSource = z.infer<typeof CalendarSourceSchema>;

const DateListSchema = z.array(IsoDateSchema).max(60, '日期不能超过60个');

/**
 * A year's official arrangement as the hr office loads it. Checked against the regulation so a
 * typo (a wrong year, a missing holiday, a weekday "worked in lieu") is refused before it moves notices.
 */
export const CalendarYearSchema = z
  .strictObject({
    year: YearSchema,
    /** Days off on what would be working days, and the weekend days inside a holiday break (法定节假日及调休休息日). */
    holidays: DateListSchema.min(1, '请填写放假日期'),
    /** Weekend days worked in lieu (调休上班日). */
    workdays: DateListSchema,
    source: CalendarSourceSchema,
  })
  .superRefine((o, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    [...o.holidays.map((d, i) => ['holidays', i, d] as const), ...o.workdays.map((d, i) => ['workdays', i, d] as const)].forEach(
      ([list, i, d]) => {
        if (isRealIsoDate(d) && yearOf(d) !== o.year) issue([list, i], `${d} 不在${o.year}年内`);
      },
    );
    const holidays = new Set(o.holidays);
    o.workdays.forEach((d, i) => {
      if (holidays.has(d)) issue(['workdays', i], `${d} 不能既是放假日又是调休上班日`);
      else if (isRealIsoDate(d) && weekdayOf(d) !== 0 && weekdayOf(d) !== 6)
        issue(['workdays', i], `${d} 不是周末，调休上班日须为周六或周日`);
    });
    if (o.year >= CURRENT_HOLIDAY_REGULATION_FROM) {
      for (const h of statutoryHolidays(o.year)) {
        if (!holidays.has(h.date)) issue(['holidays'], `缺少法定节假日 ${h.date}（${h.name}）`);
      }
    }
  })
  .meta({ id: 'CalendarYear', description: '某年度的官方放假安排（人社部门载入）' });
export type CalendarYear = z.infer<typeof CalendarYearSchema>;

/** Where a year's working days come from. */
export type CalendarOrigin = 'loaded' | 'package' | 'assumed';

export interface WorkingCalendar {
  isWorkingDay(date: IsoDate): boolean;
  /** True when the year's official arrangement is known (loaded or in the package). */
  hasOfficialData(year: number): boolean;
  origin(year: number): CalendarOrigin;
}

/** A calendar from loaded arrangements, then the package data, then the conservative rule. */
export function createWorkingCalendar(loaded: readonly Pick<CalendarYear, 'year' | 'holidays' | 'workdays'>[] = []): WorkingCalendar {
  const byYear = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
  for (const o of loaded) byYear.set(o.year, { holidays: new Set(o.holidays), workdays: new Set(o.workdays) });
  const assumedDaysOff = new Map<number, Set<string>>();
  const origin = (year: number): CalendarOrigin => (byYear.has(year) ? 'loaded' : PACKAGE_COVERED.has(year) ? 'package' : 'assumed');
  return {
    isWorkingDay(date) {
      const year = yearOf(date);
      const weekend = weekdayOf(date) === 0 || weekdayOf(date) === 6;
      switch (origin(year)) {
        case 'loaded': {
          const arrangement = byYear.get(year)!;
          return arrangement.workdays.has(date) || (!weekend && !arrangement.holidays.has(date));
        }
        case 'package':
          return PACKAGE_WORKDAYS[date] !== undefined || (!weekend && PACKAGE_HOLIDAYS[date] === undefined);
        case 'assumed': {
          let off = assumedDaysOff.get(year);
          if (!off) assumedDaysOff.set(year, (off = new Set(statutoryHolidays(year).map((h) => h.date))));
          return !weekend && !off.has(date);
        }
      }
    },
    hasOfficialData: (year) => origin(year) !== 'assumed',
    origin,
  };
}

/** rules §5 "at least 5 working days"; a cap keeps a typo from scanning years. */
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
    calendarComplete: z.boolean().meta({
      description: 'false：范围内有年度尚无官方放假安排，已按周末及法定节假日推算（调休上班日未计入）',
    }),
    yearsWithoutOfficialData: z.array(z.int()).meta({ description: '范围内尚无官方放假安排的年度（calendarComplete 为 false 时非空）' }),
  })
  .meta({
    id: 'NoticeEndDate',
    example: { start: '2023-05-08', endDate: '2023-05-12', workingDays: 5, calendarComplete: true, yearsWithoutOfficialData: [] },
  });
export type NoticeEndDate = z.infer<typeof NoticeEndDateSchema>;

/**
 * rules §5: "the end date is the 5th working day counting from the first working day on or after the
 * start" — 2023-05-08 (Mon), 5 → 2023-05-12. `calendarComplete` is false when any year from `start`
 * to the end date has no official data.
 */
export function noticeEndDate(start: IsoDate, workingDays: number, calendar: WorkingCalendar = defaultCalendar): NoticeEndDate {
  if (!isRealIsoDate(start)) {
    throw new ValidationError('invalid_date', '开始日期无效', [{ path: 'start', message: '日期不存在或格式不是 YYYY-MM-DD' }]);
  }
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > MAX_NOTICE_WORKING_DAYS) {
    throw new ValidationError('invalid_working_days', '工作日数无效', [
      { path: 'workingDays', message: `须为1—${MAX_NOTICE_WORKING_DAYS}的整数` },
    ]);
  }
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
  const yearsWithoutOfficialData: number[] = [];
  for (let y = yearOf(start); y <= yearOf(date); y++) if (!calendar.hasOfficialData(y)) yearsWithoutOfficialData.push(y);
  return { start, endDate: date, workingDays, calendarComplete: yearsWithoutOfficialData.length === 0, yearsWithoutOfficialData };
}

const defaultCalendar = createWorkingCalendar();
