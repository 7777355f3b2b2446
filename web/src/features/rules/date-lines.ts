/**
 * Dates as a clerk copies them from the State Council's holiday notice: one a line, or a range
 * ("2027-02-05 至 2027-02-11", "2月5日至11日"), the year taken from the arrangement's year when left
 * out. Notes in brackets ("（除夕）", "（星期六）") and words without digits ("春节：", "放假") are passed
 * over; anything else with a digit in it ("共7天", "2月3") is reported, never guessed.
 */

export interface ParsedDates {
  /** Sorted, without repeats. */
  dates: string[];
  /** Pieces of text with digits that are no date. */
  unrecognised: string[];
  /** Dates that do not exist or ranges that run backwards, as typed. */
  invalid: string[];
}

const DATE = String.raw`(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?`;
const END = String.raw`(?:(\d{4})\s*[-/.年]\s*)?(?:(\d{1,2})\s*[-/.月]\s*)?(\d{1,2})\s*日?`;
const PATTERN = new RegExp(String.raw`${DATE}(?:\s*(?:至|到|~|～|—|–)\s*${END})?`, 'g');
const SEPARATORS = /[\s,，、;；。:：]+/;
const NOTES = /[（(][^）)]*[）)]/g;
/** A range longer than this is a typo (the longest break is about 8 days). */
const MAX_RANGE_DAYS = 31;

const pad = (n: number) => String(n).padStart(2, '0');

function isoOf(y: number, m: number, d: number): string | undefined {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const fromDayNumber = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

export function parseDateLines(text: string, year: number): ParsedDates {
  const dates = new Set<string>();
  const invalid: string[] = [];
  const cleaned = text.replace(NOTES, ' ');
  const rest = cleaned.replace(PATTERN, (match: string, y1?: string, m1?: string, d1?: string, y2?: string, m2?: string, d2?: string) => {
    const startYear = y1 ? Number(y1) : year;
    const start = isoOf(startYear, Number(m1), Number(d1));
    if (!start) {
      invalid.push(match.trim());
      return ' ';
    }
    if (d2 === undefined) {
      dates.add(start);
      return ' ';
    }
    const end = isoOf(y2 ? Number(y2) : startYear, m2 ? Number(m2) : Number(m1), Number(d2));
    const length = end ? dayNumber(end) - dayNumber(start) : -1;
    if (!end || length < 0 || length > MAX_RANGE_DAYS) {
      invalid.push(match.trim());
      return ' ';
    }
    for (let n = dayNumber(start); n <= dayNumber(end); n++) dates.add(fromDayNumber(n));
    return ' ';
  });
  const unrecognised = rest.split(SEPARATORS).filter((piece) => /\d/.test(piece));
  return { dates: [...dates].sort(), unrecognised, invalid };
}

/** Runs of consecutive days: [["2027-02-05", "2027-02-11"], ["2027-06-09", "2027-06-09"]]. */
export function runsOf(dates: readonly string[]): [string, string][] {
  const sorted = [...new Set(dates)].sort();
  const runs: [string, string][] = [];
  for (const date of sorted) {
    const last = runs[runs.length - 1];
    if (last && dayNumber(date) === dayNumber(last[1]) + 1) last[1] = date;
    else runs.push([date, date]);
  }
  return runs;
}

/** The dates as lines for the editor: one line a run, "2027-02-05 至 2027-02-11". */
export function toDateLines(dates: readonly string[]): string {
  return runsOf(dates)
    .map(([from, to]) => (from === to ? from : `${from} 至 ${to}`))
    .join('\n');
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 2月20日（周六） */
export function dayText(date: string, withWeekday = false): string {
  const [, m, d] = date.split('-').map(Number);
  const weekday = withWeekday ? `（周${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}）` : '';
  return `${m}月${d}日${weekday}`;
}

export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** The dates in plain words: 1月1日至3日、2月5日至11日、4月30日至5月4日、6月9日. */
export function describeDates(dates: readonly string[]): string {
  return runsOf(dates)
    .map(([from, to]) => {
      if (from === to) return dayText(from);
      const sameMonth = from.slice(0, 7) === to.slice(0, 7);
      return `${dayText(from)}至${sameMonth ? `${Number(to.slice(8))}日` : dayText(to)}`;
    })
    .join('、');
}

/** 2027年2月20日 from 2027-02-20. */
export function fullDateText(date: string): string {
  return `${date.slice(0, 4)}年${dayText(date)}`;
}
