import { isWorkday } from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors';
import { addDays, weekdayOf } from '../../shared/iso-date';
import { statutoryHolidays } from '../../shared/statutory-holidays';
import {
  CalendarYearSchema,
  createWorkingCalendar,
  noticeEndDate,
  NoticeEndQuerySchema,
  packageArrangement,
  PACKAGE_CALENDAR_YEARS,
} from '../../shared/working-days';
import { FIXTURE_2027 } from '../fixtures/calendar-2027';

describe('notice end date (rules §5: the Nth working day from the first working day on or after the start)', () => {
  it.each([
    // rules §5.5's own example.
    { start: '2023-05-08', endDate: '2023-05-12', why: 'Monday to Friday' },
    // 2023-05-06 was a Saturday worked in lieu of Labour Day.
    { start: '2023-05-06', endDate: '2023-05-11', why: 'starts on an adjusted working Saturday' },
    { start: '2023-05-13', endDate: '2023-05-19', why: 'a plain Saturday start moves to Monday' },
    // Labour Day 2023: 29 Apr – 3 May off; 23 Apr (Sun) and 6 May (Sat) worked.
    { start: '2023-04-27', endDate: '2023-05-06', why: 'across Labour Day 2023, ending on Saturday 6 May' },
    // Spring Festival 2024: 10–17 Feb off; 4 Feb and 18 Feb (Sundays) worked.
    { start: '2024-02-08', endDate: '2024-02-20', why: 'across Spring Festival 2024, counting Sunday 18 Feb' },
    { start: '2024-02-12', endDate: '2024-02-22', why: 'starting inside Spring Festival 2024' },
    { start: '2024-02-02', endDate: '2024-02-07', why: 'Sunday 4 Feb 2024 worked before the holiday' },
    // Spring Festival 2025: 28 Jan – 4 Feb off; 26 Jan (Sun) and 8 Feb (Sat) worked.
    { start: '2025-01-24', endDate: '2025-02-06', why: 'across Spring Festival 2025, counting Sunday 26 Jan' },
    { start: '2025-02-05', endDate: '2025-02-10', why: 'counting Saturday 8 Feb 2025' },
    // National Day 2024: 1–7 Oct off; 29 Sep (Sun) and 12 Oct (Sat) worked.
    { start: '2024-09-27', endDate: '2024-10-09', why: 'across National Day 2024, counting Sunday 29 Sep' },
    { start: '2024-10-01', endDate: '2024-10-12', why: 'starting on National Day 2024, counting Saturday 12 Oct' },
    // National Day and Mid-autumn 2025: 1–8 Oct off; 28 Sep (Sun) and 11 Oct (Sat) worked.
    { start: '2025-09-26', endDate: '2025-10-09', why: 'across National Day 2025' },
    { start: '2025-10-01', endDate: '2025-10-14', why: 'starting on National Day 2025, counting Saturday 11 Oct' },
  ])('$start → $endDate ($why)', ({ start, endDate }) => {
    expect(noticeEndDate(start, 5)).toEqual({ start, endDate, workingDays: 5, calendarComplete: true, yearsWithoutOfficialData: [] });
  });

  it('1 working day from a working day is that day', () => {
    expect(noticeEndDate('2023-05-08', 1).endDate).toBe('2023-05-08');
  });

  it('a year with no official data: weekends and statutory holidays are days off, and the answer says so', () => {
    expect(PACKAGE_CALENDAR_YEARS).not.toContain(2027);
    // 28–31 December, then New Year's Day (Friday) and the weekend are off: Monday 4 January.
    expect(noticeEndDate('2026-12-28', 5)).toEqual({
      start: '2026-12-28',
      endDate: '2027-01-04',
      workingDays: 5,
      calendarComplete: false,
      yearsWithoutOfficialData: [2027],
    });
    // Spring Festival 2027: 除夕 Fri 5 Feb, 初一–初三 6–8 Feb are off even with no arrangement loaded.
    expect(noticeEndDate('2027-02-04', 5)).toMatchObject({ endDate: '2027-02-12', calendarComplete: false });
    // Mid-Autumn 2027 falls on Wednesday 15 September (lunar 8/15).
    expect(noticeEndDate('2027-09-13', 5)).toMatchObject({ endDate: '2027-09-20' });
  });

  it('a loaded arrangement supplies the year, and the result is complete', () => {
    const calendar = createWorkingCalendar([FIXTURE_2027]);
    expect(noticeEndDate('2026-12-28', 5, calendar)).toEqual({
      start: '2026-12-28',
      endDate: '2027-01-04',
      workingDays: 5,
      calendarComplete: true,
      yearsWithoutOfficialData: [],
    });
    // The fixture's break runs to Thursday 11 Feb: Fri 12, Mon 15 … Thu 18. Assumed: 9–12 Feb and Mon 15.
    expect(noticeEndDate('2027-02-08', 5, calendar).endDate).toBe('2027-02-18');
    expect(noticeEndDate('2027-02-08', 5).endDate).toBe('2027-02-15');
    // Saturday 20 Feb is worked in lieu in the fixture, never in an assumed year.
    expect(noticeEndDate('2027-02-19', 2, calendar).endDate).toBe('2027-02-20');
    expect(noticeEndDate('2027-02-19', 2).endDate).toBe('2027-02-22');
  });

  it('a loaded arrangement replaces the package data for its year', () => {
    const calendar = createWorkingCalendar([{ year: 2023, holidays: ['2023-01-02'], workdays: [] }]);
    expect(createWorkingCalendar().isWorkingDay('2023-05-02')).toBe(false);
    expect(calendar.isWorkingDay('2023-05-02')).toBe(true);
    expect(calendar.isWorkingDay('2023-05-06')).toBe(false);
    expect(calendar.origin(2023)).toBe('loaded');
    expect(calendar.origin(2024)).toBe('package');
    expect(calendar.origin(2027)).toBe('assumed');
  });

  it('counts past the last year a date may have without failing', () => {
    const end = noticeEndDate('2100-12-20', 60);
    expect(end.endDate > '2101-01-01').toBe(true);
    expect(end.yearsWithoutOfficialData).toEqual([2100, 2101]);
  });

  it('refuses bad input with a validation error', () => {
    expect(() => noticeEndDate('2023-02-30', 5)).toThrow(ValidationError);
    expect(() => noticeEndDate('2023-05-08', 0)).toThrow(ValidationError);
    expect(() => noticeEndDate('2023-05-08', 2.5)).toThrow(ValidationError);
  });

  it('the query schema coerces workingDays and defaults it to 5', () => {
    expect(NoticeEndQuerySchema.parse({ start: '2023-05-08' })).toEqual({ start: '2023-05-08', workingDays: 5 });
    expect(NoticeEndQuerySchema.parse({ start: '2023-05-08', workingDays: '7' }).workingDays).toBe(7);
    expect(NoticeEndQuerySchema.safeParse({ start: '2023-05-08', workingDays: '0' }).success).toBe(false);
  });
});

describe('coverage derived from the package data', () => {
  it('covers 2004–2026 in chinese-days 1.5.7, with no gaps', () => {
    expect(PACKAGE_CALENDAR_YEARS[0]).toBe(2004);
    expect(PACKAGE_CALENDAR_YEARS.at(-1)).toBeGreaterThanOrEqual(2026);
    PACKAGE_CALENDAR_YEARS.forEach((y, i) => expect(y).toBe(2004 + i));
  });

  it("agrees with the package's own isWorkday on every day of 2018–2026", () => {
    const calendar = createWorkingCalendar();
    const disagreements: string[] = [];
    for (let date = '2018-01-01'; date <= '2026-12-31'; date = addDays(date, 1)) {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      // A local-time Date at noon: the package reads local getters, so this is right in any time zone.
      if (calendar.isWorkingDay(date) !== isWorkday(new Date(y, m - 1, d, 12))) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });

  it('reports official data per year', () => {
    const calendar = createWorkingCalendar([{ year: 2030, holidays: ['2030-01-01'], workdays: [] }]);
    expect(calendar.hasOfficialData(2023)).toBe(true);
    expect(calendar.hasOfficialData(2027)).toBe(false);
    expect(calendar.hasOfficialData(2030)).toBe(true);
  });
});

describe('statutory holidays computed from the lunar calendar (the conservative rule for unknown years)', () => {
  // Dates common to every arrangement since 2008 (when Qingming, Dragon Boat and Mid-Autumn became
  // statutory): each official arrangement in the package must have them off. This checks the lunar
  // computation against 19 years of real State Council data.
  const COMMON = new Set(['元旦', '春节（正月初一）', '春节（正月初二）', '春节（正月初三）', '清明节', '端午节', '中秋节', '国庆节']);
  it.each(PACKAGE_CALENDAR_YEARS.filter((y) => y >= 2008).map((y) => [y]))(
    '%i: every computed holiday is off in the official data',
    (year) => {
      const official = packageArrangement(year)!;
      const off = new Set(official.holidays);
      const missing = statutoryHolidays(year)
        .filter((h) => COMMON.has(h.name) || year >= 2025)
        .filter((h) => !off.has(h.date) && weekdayOf(h.date) !== 0 && weekdayOf(h.date) !== 6);
      expect(missing).toEqual([]);
    },
  );

  it('2027: 13 days, 除夕 5 Feb, Qingming 5 Apr, Dragon Boat 9 Jun, Mid-Autumn 15 Sep', () => {
    const days = statutoryHolidays(2027);
    expect(days).toHaveLength(13);
    expect(days.map((d) => d.date)).toEqual(
      expect.arrayContaining([
        '2027-01-01',
        '2027-02-05',
        '2027-02-06',
        '2027-02-07',
        '2027-02-08',
        '2027-04-05',
        '2027-05-01',
        '2027-05-02',
        '2027-06-09',
        '2027-09-15',
        '2027-10-01',
        '2027-10-02',
        '2027-10-03',
      ]),
    );
  });
});

describe('a loaded arrangement is checked before it can move a notice', () => {
  it("accepts the fixture and the package's own 2025 and 2026 arrangements", () => {
    expect(CalendarYearSchema.safeParse(FIXTURE_2027).success).toBe(true);
    for (const year of [2025, 2026]) {
      const r = CalendarYearSchema.safeParse({
        year,
        ...packageArrangement(year),
        source: { document: '国办发明电', publishedOn: `${year - 1}-11-12` },
      });
      expect(r.error?.issues ?? []).toEqual([]);
    }
  });

  it.each([
    ['a date of another year', { holidays: [...FIXTURE_2027.holidays, '2028-01-01'] }, '不在2027年内'],
    ['a weekday worked in lieu', { workdays: ['2027-02-19'] }, '不是周末'],
    ['a day both off and worked', { workdays: ['2027-05-01'] }, '不能既是放假日又是调休上班日'],
    [
      'a statutory holiday left out',
      { holidays: FIXTURE_2027.holidays.filter((d) => d !== '2027-09-15') },
      '缺少法定节假日 2027-09-15（中秋节）',
    ],
    ['no source', { source: { document: '', publishedOn: '2026-11-01' } }, '请填写发文字号'],
  ])('refuses %s', (_, change, message) => {
    const r = CalendarYearSchema.safeParse({ ...FIXTURE_2027, ...change });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message).join('；')).toContain(message);
  });
});
