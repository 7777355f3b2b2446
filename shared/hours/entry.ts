import { yearOf } from '../iso-date';
import type { Activity, Category, RejectionCode, Rule } from './schemas';

/** The engine's working record of one activity, and the orders it is sorted by. */
export interface Entry {
  index: number;
  activityId: string;
  activity: Activity;
  /** Attribution year: the date's year, or the end year of an aid assignment. */
  year: number;
  /** C7 only: the years deemed complete (narrowed by span, certificates and other assignments). */
  aidYears: number[] | null;
  aidAllYears: boolean;
  /** `date`, or an aid assignment's `startDate`: the first key of the canonical order. */
  sortDate: string;
  /** `sortDate` as an integer (yyyy·416 + mm·32 + dd): same order, cheaper to compare and to hash. */
  dayKey: number;
  /** An aid assignment's `endDate`, else `date`. */
  endDate: string;
  rule: Rule;
  category: Category;
  tenths: number;
  rejection: RejectionCode | null;
  /** Extra zh-CN detail appended to the rejection label. */
  rejectionDetail: string;
  /** The entry this one lost to (duplicates, caps, deemed years); its id goes into the message. */
  lostTo: Entry | null;
  contentKey: string | null;
}

/** `date` as an integer (yyyy·416 + mm·32 + dd): the same order as the string, cheaper to compare and hash. */
export function dayKeyOf(date: string): number {
  const month = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const day = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  return yearOf(date) * 416 + month * 32 + day;
}

/** Who finally beat `e`: losers point at whoever beat them, and that one may have lost in turn. */
export function finalWinner(e: Entry): Entry {
  let w = e.lostTo!;
  while (w.lostTo && w.rejection === e.rejection) w = w.lostTo;
  return w;
}

/** The canonical total order used to pick winners: dates, then content, then id, then position. */
export function compareEntries(x: Entry, y: Entry): number {
  if (x.dayKey !== y.dayKey) return x.dayKey - y.dayKey;
  if (x.endDate !== y.endDate) return x.endDate < y.endDate ? -1 : 1;
  const kx = (x.contentKey ??= contentKeyOf(x.activity));
  const ky = (y.contentKey ??= contentKeyOf(y.activity));
  if (kx !== ky) return kx < ky ? -1 : 1;
  return compareIds(x.activityId, y.activityId) || x.index - y.index;
}

/** Display order (items within a year, rejected list): by date, then id. */
export function compareForDisplay(x: Entry, y: Entry): number {
  if (x.dayKey !== y.dayKey) return x.dayKey - y.dayKey;
  return compareIds(x.activityId, y.activityId) || x.index - y.index;
}

/** `#2` before `#10`; positional ids before given ones. */
function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  const ha = a.charCodeAt(0) === 35;
  const hb = b.charCodeAt(0) === 35;
  if (ha && hb) return Number(a.slice(1)) - Number(b.slice(1));
  if (ha !== hb) return ha ? -1 : 1;
  return a < b ? -1 : 1;
}

/** A stable serialisation of an activity without its id (key order fixed). */
function contentKeyOf(a: Activity): string {
  const record = a as unknown as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => k !== 'id' && record[k] !== undefined)
    .sort();
  return keys.map((k) => k + '=' + JSON.stringify(record[k])).join('&');
}
