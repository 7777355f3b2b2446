import { Lunar } from 'lunar-typescript';

/** 除夕, 清明, 端午, 中秋 of a Gregorian year, from lunar-typescript (the source of shared/lunar-holidays.json). */
export function lunarHolidayDates(year: number): [string, string, string, string] {
  const springFestival = Lunar.fromYmd(year, 1, 1).getSolar();
  return [
    springFestival.next(-1).toYmd(),
    Lunar.fromYmd(year, 3, 1).getJieQiTable()['清明']!.toYmd(),
    Lunar.fromYmd(year, 5, 5).getSolar().toYmd(),
    Lunar.fromYmd(year, 8, 15).getSolar().toYmd(),
  ];
}
