import * as z from 'zod';

/**
 * Calendar dates as `YYYY-MM-DD` strings (China dates, no time zone: rules §5 "Dates are China dates").
 * Arithmetic goes through a day number (days since 1970-01-01) so nothing depends on the host's time
 * zone — the same code runs in Lambda (UTC) and in a browser anywhere.
 */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Years the product accepts anywhere: wide enough for old certificates, narrow enough to catch typos. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a `YYYY-MM-DD` string naming a day that exists (2023-02-30 does not). */
export function isRealIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The year of a valid `YYYY-MM-DD` string, read without allocating (hot in the engine). */
export function yearOf(date: IsoDate): number {
  return (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Days since 1970-01-01 of a valid `YYYY-MM-DD` string. */
export function toDayNumber(date: IsoDate): number {
  const year = yearOf(date);
  const month = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const day = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Inverse of toDayNumber, by integer arithmetic (H. Hinnant's civil_from_days): no Date, no allocation but the string. */
export function fromDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return formatIsoDate(yoe + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Same day-of-month `months` later, clamped to the month's last day (2023-08-31 + 6 months =
 * 2024-02-29). Used for rules §3 C7's "startDate + 6 months − 1 day".
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const year = yearOf(date);
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  return formatIsoDate(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export const YearSchema = z
  .int('年度须为整数')
  .min(MIN_YEAR, `年度不能早于${MIN_YEAR}年`)
  .max(MAX_YEAR, `年度不能晚于${MAX_YEAR}年`)
  .meta({ description: '年度（公历年）', example: 2022 });

export const IsoDateSchema = z
  .string('日期须为字符串，格式 YYYY-MM-DD')
  .regex(ISO_DATE, { error: '日期格式须为 YYYY-MM-DD', abort: true })
  .refine(isRealIsoDate, { error: '日期不存在，请填写真实的公历日期', abort: true })
  .refine((d) => yearOf(d) >= MIN_YEAR && yearOf(d) <= MAX_YEAR, `日期须在${MIN_YEAR}—${MAX_YEAR}年之间`)
  .meta({ description: '公历日期（中国日期），格式 YYYY-MM-DD', example: '2022-06-30', format: 'date' });
