import fc from 'fast-check';
import type { Activity } from '../../shared/hours';
import { daysInMonth, formatIsoDate, isLeapYear } from '../../shared/iso-date';
import { PUBLIC_THEMES_2023 } from '../../shared/policy';

/**
 * fast-check generators of valid activities (they all pass ActivitySchema; a property checks that).
 * Dates reach the edges where rules turn: month ends (C7's month arithmetic clamps to them), 29 February
 * of leap years, 31 December and 1 January (year attribution), across 2018–2024 — including 2023, the
 * year with public themes, and the leap years 2020 and 2024.
 */

export const YEARS = { from: 2018, to: 2024 } as const;

const yearArb = fc.integer({ min: YEARS.from, max: YEARS.to });
const LEAP_YEARS = Array.from({ length: YEARS.to - YEARS.from + 1 }, (_, i) => YEARS.from + i).filter(isLeapYear);

/** Any real day: 1–31 clamped to the month's length, so the 29th–31st occur too. */
const anyDayArb = fc
  .record({ year: yearArb, month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day }) => formatIsoDate(year, month, Math.min(day, daysInMonth(year, month))));

/** The days where rules turn: year ends and starts, month ends, leap days. */
export const edgeDateArb = fc.oneof(
  yearArb.map((y) => formatIsoDate(y, 12, 31)),
  yearArb.map((y) => formatIsoDate(y, 1, 1)),
  fc
    .record({ year: yearArb, month: fc.integer({ min: 1, max: 12 }) })
    .map(({ year, month }) => formatIsoDate(year, month, daysInMonth(year, month))),
  fc.constantFrom(...LEAP_YEARS).map((y) => formatIsoDate(y, 2, 29)),
);

export const dateArb = fc.oneof({ arbitrary: anyDayArb, weight: 3 }, { arbitrary: edgeDateArb, weight: 2 });

/**
 * Instants within two hours of a new year in Asia/Shanghai (UTC+8, no daylight saving): 31 December
 * 14:00 – 1 January 18:00 UTC, where the UTC and the China date are in different years.
 */
export const shanghaiYearBoundaryInstantArb = fc
  .record({ year: fc.integer({ min: YEARS.from, max: YEARS.to + 10 }), offsetMinutes: fc.integer({ min: -120, max: 120 }) })
  .map(({ year, offsetMinutes }) => new Date(Date.UTC(year, 0, 1, -8, offsetMinutes)));

/** A 2023 theme, none, or one that is not the year's: public items reach every branch of R2. */
const themeArb = fc.option(fc.constantFrom(...PUBLIC_THEMES_2023, '乡村振兴'), { nil: undefined, freq: 2 });

const categoryArb = fc.constantFrom('public', 'professional' as const);
const roleArb = fc.constantFrom('sole_or_first', 'other' as const);
/** A small pool so that probable duplicates actually occur. */
const titleArb = fc.option(fc.constantFrom('培训班A', '培训班B', '课程C'), { nil: undefined });

const c1Arb = fc
  .record({
    kind: fc.constantFrom('training', 'practice', 'academic_event', 'overseas_exchange'),
    date: dateArb,
    category: categoryArb,
    days: fc.integer({ min: 0, max: 5 }),
    halfDays: fc.integer({ min: 0, max: 3 }),
    evenings: fc.integer({ min: 1, max: 3 }),
    title: titleArb,
    theme: themeArb,
  })
  .map(({ title, theme, ...a }) => ({ ...a, ...(title ? { title } : {}), ...(theme ? { theme } : {}) }) as Activity);

export const onlineArb = fc
  .record({
    date: dateArb,
    category: categoryArb,
    tenths: fc.integer({ min: 1, max: 400 }),
    title: titleArb,
    theme: themeArb,
  })
  .map(
    ({ tenths, title, theme, ...a }) =>
      ({ kind: 'online_course', hours: tenths / 10, ...a, ...(title ? { title } : {}), ...(theme ? { theme } : {}) }) as Activity,
  );

const otherArb: fc.Arbitrary<Activity> = fc.oneof(
  fc.record({
    kind: fc.constant('research_project' as const),
    date: dateArb,
    sponsor: fc.constantFrom('government', 'industry_org', 'other' as const),
    role: fc.constantFrom('host', 'participant' as const),
  }),
  fc.record({ kind: fc.constant('book' as const), date: dateArb, authorRole: roleArb }),
  fc.record({ kind: fc.constant('paper' as const), date: dateArb, authorRole: roleArb, domesticCN: fc.boolean() }),
  fc.record({
    kind: fc.constant('patent' as const),
    date: dateArb,
    patentType: fc.constantFrom('invention', 'utility_model', 'design' as const),
    inventorRole: roleArb,
  }),
  fc.record({
    kind: fc.constant('award' as const),
    date: dateArb,
    level: fc.constantFrom('provincial_or_above', 'prefectural', 'other' as const),
    rank: fc.integer({ min: 1, max: 9 }),
  }),
  fc.record({ kind: fc.constant('computer_exam' as const), date: dateArb, modules: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('degree_course' as const), date: dateArb, coursesPassed: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    kind: fc.constant('qualification_exam' as const),
    date: dateArb,
    subjectsPassed: fc.integer({ min: 1, max: 3 }),
  }),
  fc
    .record({
      start: dateArb,
      // Around the 6- and 12-month thresholds as often as anywhere else.
      lengthDays: fc.oneof(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 178, max: 186 }), fc.integer({ min: 362, max: 370 })),
      assessmentPassed: fc.boolean(),
      provincialOrAbove: fc.boolean(),
    })
    .map(({ start, lengthDays, ...rest }) => {
      const end = new Date(Date.parse(start) + lengthDays * 86_400_000).toISOString().slice(0, 10);
      return { kind: 'aid_assignment' as const, startDate: start, endDate: end, ...rest };
    }),
);

export const activityArb: fc.Arbitrary<Activity> = fc.oneof(
  { arbitrary: c1Arb, weight: 3 },
  { arbitrary: onlineArb, weight: 2 },
  { arbitrary: otherArb, weight: 3 },
);

/** Activities with unique ids, so results can be compared across orders. */
export const activitiesWithIdsArb = fc
  .array(activityArb, { maxLength: 30 })
  .map((activities) => activities.map((a, i) => ({ ...a, id: `a${i}` }) as Activity));

/**
 * rules §3's identity of a probable duplicate, as the engine builds it: kind, dates, title and provider
 * (whitespace removed); undefined for an activity with neither title nor provider.
 */
export function duplicateIdentity(a: Activity): string | undefined {
  if (a.title === undefined && a.provider === undefined) return undefined;
  const dates = a.kind === 'aid_assignment' ? `${a.startDate}|${a.endDate}` : `${a.date}|${a.date}`;
  const norm = (v: string | undefined) => (v ?? '').replace(/\s+/g, '');
  return `${a.kind}|${dates}|${norm(a.title)}|${norm(a.provider)}`;
}

/**
 * `shuffled` with the members of each duplicate group put back in their order in `original`: the
 * reorderings that do not change which copy was recorded first.
 */
export function keepDuplicateOrder<T extends Activity>(original: readonly T[], shuffled: readonly T[]): T[] {
  const queues = new Map<string, T[]>();
  for (const a of original) {
    const key = duplicateIdentity(a);
    if (key !== undefined) queues.set(key, [...(queues.get(key) ?? []), a]);
  }
  return shuffled.map((a) => {
    const key = duplicateIdentity(a);
    return key === undefined ? a : queues.get(key)!.shift()!;
  });
}
