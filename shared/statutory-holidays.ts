import { Lunar } from 'lunar-typescript';
import { formatIsoDate, fromDayNumber, toDayNumber, type IsoDate } from './iso-date';

/**
 * The statutory holidays that the national regulation fixes by date — 《全国年节及纪念日放假办法》 as
 * revised in November 2024, in force from 2025: 元旦 1 Jan; 春节 除夕 and 正月初一至初三; 清明 the day of
 * the 清明 solar term; 劳动节 1–2 May; 端午 五月初五; 中秋 八月十五; 国庆 1–3 Oct (13 days).
 *
 * SPEC §5 (unknown years): where no official arrangement is loaded, these days and weekends are
 * non-working, so a notice is never shorter than its working days. The lunar dates and the solar
 * term come from `lunar-typescript` (6tail's calendar, computed astronomically and independent of the
 * machine's time zone), never from a hand-written table.
 */
export interface StatutoryHoliday {
  date: IsoDate;
  /** The holiday's name as the regulation gives it. */
  name: string;
}

const cache = new Map<number, readonly StatutoryHoliday[]>();

export function statutoryHolidays(year: number): readonly StatutoryHoliday[] {
  const cached = cache.get(year);
  if (cached) return cached;
  const lunar = (month: number, day: number): IsoDate => Lunar.fromYmd(year, month, day).getSolar().toYmd();
  const springFestival = lunar(1, 1);
  const springDay = toDayNumber(springFestival);
  const qingming = Lunar.fromYmd(year, 3, 1).getJieQiTable()['清明']!.toYmd();
  const days: StatutoryHoliday[] = [
    { date: formatIsoDate(year, 1, 1), name: '元旦' },
    { date: fromDayNumber(springDay - 1), name: '春节（除夕）' },
    { date: springFestival, name: '春节（正月初一）' },
    { date: fromDayNumber(springDay + 1), name: '春节（正月初二）' },
    { date: fromDayNumber(springDay + 2), name: '春节（正月初三）' },
    { date: qingming, name: '清明节' },
    { date: formatIsoDate(year, 5, 1), name: '劳动节' },
    { date: formatIsoDate(year, 5, 2), name: '劳动节' },
    { date: lunar(5, 5), name: '端午节' },
    { date: lunar(8, 15), name: '中秋节' },
    { date: formatIsoDate(year, 10, 1), name: '国庆节' },
    { date: formatIsoDate(year, 10, 2), name: '国庆节' },
    { date: formatIsoDate(year, 10, 3), name: '国庆节' },
  ];
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  cache.set(year, days);
  return days;
}
