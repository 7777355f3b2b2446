import { ValidationError } from './errors';
import { toDayNumber, type IsoDate } from './iso-date';

/**
 * China dates (Asia/Shanghai) and the instants a public notice opens and closes (rules §5: "a notice
 * ending on D closes at 00:00 of D+1 there"). The working-day calendar is in working-days.ts.
 */

const CHINA_OFFSET_MS = 8 * 3_600_000;
const MS_PER_DAY = 86_400_000;

/**
 * The UTC instant a notice ending on `endDate` closes: 00:00 Asia/Shanghai of the next day (rules §5).
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
