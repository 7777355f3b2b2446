import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, fromDayNumber, isRealIsoDate, toDayNumber, weekdayOf } from '../../shared/iso-date';
import {
  DEFAULT_POLICY,
  defaultPolicyFor,
  HoursPolicySchema,
  isInFilingWindow,
  PUBLIC_THEMES_2023,
  resolveYearPolicy,
} from '../../shared/policy';

describe('hours policy', () => {
  it('the default policy is valid data', () => {
    expect(HoursPolicySchema.safeParse(DEFAULT_POLICY).success).toBe(true);
  });

  it('90 required, 2/3 of it professional = 60, in tenths', () => {
    expect(resolveYearPolicy(DEFAULT_POLICY, 2022)).toMatchObject({
      requiredHours: 90,
      requiredTenths: 900,
      professionalRequiredTenths: 600,
      aidMonthsForYear: 6,
      aidMonthsForAllYears: 12,
      publicThemes: [],
    });
  });

  it("2023 has the notice's four public themes", () => {
    expect(resolveYearPolicy(DEFAULT_POLICY, 2023).publicThemes).toEqual([...PUBLIC_THEMES_2023]);
    expect(PUBLIC_THEMES_2023).toEqual(['数字化建设与发展', '统筹安全与发展', '强化科技创新能力建设', '加强知识产权保护']);
  });

  it.each([
    ['2023-06-30', false],
    ['2023-07-01', true],
    ['2023-08-31', true],
    ['2023-09-01', false],
  ])('省直 filing window 1 July – 31 August: %s → %s', (date, inside) => {
    expect(isInFilingWindow(DEFAULT_POLICY, date)).toBe(inside);
  });

  it('cities have no filing window unless they set one', () => {
    const city = defaultPolicyFor('430100');
    expect(resolveYearPolicy(city, 2023).filingWindow).toBeNull();
    expect(isInFilingWindow(city, '2023-12-01')).toBe(true);
    expect(defaultPolicyFor('430000')).toBe(DEFAULT_POLICY);
  });
});

describe('ISO dates', () => {
  it.each([
    ['2023-08-31', 6, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2021-01-01', 6, '2021-07-01'],
    ['2021-03-15', 12, '2022-03-15'],
    ['2021-11-30', 3, '2022-02-28'],
  ])('addMonths(%s, %i) = %s (clamped to the month end)', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('weekdays: 2023-05-08 was a Monday, 1970-01-01 a Thursday', () => {
    expect(weekdayOf('2023-05-08')).toBe(1);
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('1969-12-28')).toBe(0);
  });

  it('day numbers round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2100-12-31') }), (n) => {
        const date = fromDayNumber(n);
        expect(isRealIsoDate(date)).toBe(true);
        expect(toDayNumber(date)).toBe(n);
        expect(addDays(date, 1)).toBe(fromDayNumber(n + 1));
      }),
    );
  });
});
