import { compareEntries, type Entry } from './entry';
import type { RejectionCode } from './schemas';

/**
 * Where one activity wins over another — probable duplicates, the C8/C9 yearly caps, two aid
 * assignments over one year. Duplicates go by input order, which the callers make recording order;
 * the caps and deemed years by `compareEntries`, a total order on content, so those never depend on
 * the order the activities came in.
 */

/**
 * rules §3 Decision (revised December 2026): "Two records of one person with the same kind,
 * provider/title and dates are a probable duplicate: the later-recorded one does not count until a
 * reviewer resolves it (in the public preview, which knows no recording time, the later in input
 * order) … Never pick the one that earns more: that lets an inflated copy replace the real record."
 * So the first in input order counts; callers that know recording time pass activities earliest
 * recorded first (functions/use-cases/recompute-books.ts). An activity without a title or provider
 * has no identity to compare, so it is never called a duplicate. Returns the groups, winner first.
 */
export function rejectProbableDuplicates(entries: Entry[]): Entry[][] {
  // Bucket by start date first (an integer key); identity keys are only built
  // for the few entries that share a date, which keeps this off the engine's hot path.
  let byDate: Map<number, Entry | Entry[]> | null = null;
  let shared: Entry[][] | null = null;
  for (const e of entries) {
    if (e.rejection) continue;
    const a = e.activity;
    if (a.title === undefined && a.provider === undefined) continue;
    byDate ??= new Map();
    const bucket = byDate.get(e.dayKey);
    if (bucket === undefined) byDate.set(e.dayKey, e);
    else if (Array.isArray(bucket)) bucket.push(e);
    else {
      const pair = [bucket, e];
      byDate.set(e.dayKey, pair);
      (shared ??= []).push(pair);
    }
  }
  if (!shared) return [];
  const result: Entry[][] = [];
  for (const bucket of shared) {
    const groups = new Map<string, Entry[]>();
    for (const e of bucket) {
      const a = e.activity;
      const key = a.kind + '\u0000' + e.endDate + '\u0000' + normaliseIdentity(a.title) + '\u0000' + normaliseIdentity(a.provider);
      const group = groups.get(key);
      if (group) group.push(e);
      else groups.set(key, [e]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      group.sort((x, y) => x.index - y.index);
      const winner = group[0]!;
      for (let i = 1; i < group.length; i++) {
        group[i]!.rejection = 'probable_duplicate';
        group[i]!.lostTo = winner;
      }
      result.push(group);
    }
  }
  // Buckets are met in input order; sort so the warnings come out the same whatever that order.
  return result.sort((x, y) => compareEntries(x[0]!, y[0]!));
}

function normaliseIdentity(value: string | undefined): string {
  return value === undefined ? '' : value.replace(/\s+/g, '');
}

/**
 * Year-level limits, in canonical order: C8 and C9 give at most 90 a year each (附件第二部分第8、9条
 * "当年度通过一门…可折算90学时"); a year deemed by one aid assignment is not deemed again by another.
 */
export function applyYearLimits(entries: Entry[]): void {
  let c8: Map<number, Entry> | null = null;
  let c9: Map<number, Entry> | null = null;
  let aid: Entry[] | null = null;
  for (const e of entries) {
    if (e.rejection) continue;
    if (e.rule === 'C8') c8 = keepFirstPerYear(c8, e, 'c8_year_cap_reached');
    else if (e.rule === 'C9') c9 = keepFirstPerYear(c9, e, 'c9_year_cap_reached');
    else if (e.aidYears) (aid ??= []).push(e);
  }
  if (aid && aid.length > 1) {
    aid.sort(compareEntries);
    const deemedBy = new Map<number, Entry>();
    for (const e of aid) {
      const open = e.aidYears!.filter((y) => !deemedBy.has(y));
      if (open.length === 0) {
        e.rejection = 'c7_year_already_deemed';
        e.lostTo = deemedBy.get(e.aidYears![0]!)!;
        continue;
      }
      for (const y of open) deemedBy.set(y, e);
      e.aidYears = open;
    }
  }
}

/**
 * The earliest entry of a year keeps its credit. A loser points at whoever beat it; when that one
 * later loses too, `finalWinner` follows the chain, so messages name the year's final winner.
 */
function keepFirstPerYear(map: Map<number, Entry> | null, e: Entry, code: RejectionCode): Map<number, Entry> {
  const byYear = map ?? new Map<number, Entry>();
  const current = byYear.get(e.year);
  if (!current) {
    byYear.set(e.year, e);
    return byYear;
  }
  const currentWins = compareEntries(current, e) <= 0;
  const winner = currentWins ? current : e;
  const loser = currentWins ? e : current;
  byYear.set(e.year, winner);
  loser.rejection = code;
  loser.lostTo = winner;
  return byYear;
}
