import { isWorkday } from 'chinese-days';
import { describe, expect, it } from 'vitest';
import {
  chinaDateOf,
  createWorkingCalendar,
  isNoticeOpen,
  isWorkingDay,
  noticeClosesAt,
  noticeEndDate,
  noticeOpensAt,
  NoticeEndQuerySchema,
  PACKAGE_CALENDAR_YEARS,
  type CalendarYearOverride,
} from '../../shared/calendar';
import { ValidationError } from '../../shared/errors';
import { addDays } from '../../shared/iso-date';

describe('notice end date (SPEC §5: the Nth working day from the first working day on or after the start)', () => {
  it.each([
    // SPEC's own example.
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
    expect(noticeEndDate(start, 5)).toEqual({ start, endDate, workingDays: 5, calendarComplete: true });
  });

  it('1 working day from a working day is that day', () => {
    expect(noticeEndDate('2023-05-08', 1).endDate).toBe('2023-05-08');
  });

  it('a year the package lacks falls back to weekends and says so', () => {
    expect(PACKAGE_CALENDAR_YEARS).not.toContain(2027);
    expect(noticeEndDate('2026-12-28', 5)).toEqual({
      start: '2026-12-28',
      endDate: '2027-01-01', // 1 Jan 2027 counted as a working day: no data for 2027
      workingDays: 5,
      calendarComplete: false,
    });
    expect(noticeEndDate('2027-02-05', 5)).toMatchObject({ endDate: '2027-02-11', calendarComplete: false });
  });

  it('an override supplies a year the package lacks, and the result is complete', () => {
    const arrangement2027: CalendarYearOverride = {
      year: 2027,
      holidays: ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
      workdays: ['2027-02-13'],
    };
    expect(noticeEndDate('2027-02-04', 5, [arrangement2027])).toEqual({
      start: '2027-02-04',
      endDate: '2027-02-16', // 4 Feb, 12 Feb, Saturday 13 Feb (worked), 15 Feb, 16 Feb
      workingDays: 5,
      calendarComplete: true,
    });
    expect(noticeEndDate('2026-12-28', 5, [arrangement2027])).toMatchObject({
      endDate: '2027-01-04',
      calendarComplete: true,
    });
  });

  it('an override replaces the package data for its year', () => {
    const noHolidays2023: CalendarYearOverride = { year: 2023, holidays: [], workdays: [] };
    expect(isWorkingDay('2023-05-02')).toBe(false);
    expect(isWorkingDay('2023-05-02', [noHolidays2023])).toBe(true);
    expect(isWorkingDay('2023-05-06', [noHolidays2023])).toBe(false);
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

  it('agrees with the package\'s own isWorkday on every day of 2018–2026', () => {
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
    const calendar = createWorkingCalendar([{ year: 2030, holidays: [], workdays: [] }]);
    expect(calendar.hasOfficialData(2023)).toBe(true);
    expect(calendar.hasOfficialData(2027)).toBe(false);
    expect(calendar.hasOfficialData(2030)).toBe(true);
  });
});

describe('China dates and instants (Asia/Shanghai, UTC+8)', () => {
  it('a notice ending on D closes at 00:00 of D+1 in China', () => {
    expect(noticeClosesAt('2023-05-12')).toBe('2023-05-12T16:00:00.000Z');
    expect(noticeClosesAt('2023-12-31')).toBe('2023-12-31T16:00:00.000Z');
    expect(noticeOpensAt('2023-05-08')).toBe('2023-05-07T16:00:00.000Z');
  });

  it.each([
    ['2023-05-12T15:59:59.999Z', '2023-05-12'],
    ['2023-05-12T16:00:00.000Z', '2023-05-13'],
    ['2023-12-31T16:00:00Z', '2024-01-01'],
    ['2023-05-12T08:00:00+08:00', '2023-05-12'],
  ])('%s is China date %s', (instant, date) => {
    expect(chinaDateOf(instant)).toBe(date);
    expect(chinaDateOf(new Date(instant))).toBe(date);
    expect(chinaDateOf(Date.parse(instant))).toBe(date);
  });

  it('a notice is open from 00:00 of its start to 00:00 after its end, China time', () => {
    const open = (iso: string) => isNoticeOpen('2023-05-08', '2023-05-12', new Date(iso));
    expect(open('2023-05-07T15:59:59Z')).toBe(false);
    expect(open('2023-05-07T16:00:00Z')).toBe(true);
    expect(open('2023-05-12T15:59:59Z')).toBe(true);
    expect(open('2023-05-12T16:00:00Z')).toBe(false);
  });

  it('refuses an invalid instant', () => {
    expect(() => chinaDateOf('not a date')).toThrow(ValidationError);
  });
});
