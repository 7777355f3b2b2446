import { describe, expect, it } from 'vitest';
import { lunarHolidayDates } from '../../functions/ops/lunar-holiday-dates';
import { MAX_YEAR, MIN_YEAR } from '../../shared/iso-date';
import { statutoryHolidays } from '../../shared/statutory-holidays';

describe('the lunar dates of the statutory holidays', () => {
  it("are lunar-typescript's own answer for every year a date may have (the generated table has not drifted)", () => {
    const differences: string[] = [];
    for (let year = MIN_YEAR; year <= MAX_YEAR; year++) {
      const [eve, qingming, dragonBoat, midAutumn] = lunarHolidayDates(year);
      const byName = new Map(statutoryHolidays(year).map((h) => [h.name, h.date]));
      const got = [byName.get('春节（除夕）'), byName.get('清明节'), byName.get('端午节'), byName.get('中秋节')];
      if (JSON.stringify(got) !== JSON.stringify([eve, qingming, dragonBoat, midAutumn])) differences.push(String(year));
    }
    expect(differences).toEqual([]);
  });

  it('run 除夕 to 初三 as four consecutive days', () => {
    const spring = statutoryHolidays(2031)
      .filter((h) => h.name.startsWith('春节'))
      .map((h) => h.date);
    expect(spring).toEqual(['2031-01-22', '2031-01-23', '2031-01-24', '2031-01-25']);
  });
});
