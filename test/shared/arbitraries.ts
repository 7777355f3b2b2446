import fc from 'fast-check';
import type { Activity } from '../../shared/hours';
import { formatIsoDate } from '../../shared/iso-date';

/** fast-check generators of valid activities (they all pass ActivitySchema; a property checks that). */

export const YEARS = { from: 2018, to: 2022 } as const;

export const dateArb = fc
  .record({ year: fc.integer({ min: YEARS.from, max: YEARS.to }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ year, month, day }) => formatIsoDate(year, month, day));

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
  })
  .map(({ title, ...a }) => ({ ...a, ...(title ? { title } : {}) }) as Activity);

export const onlineArb = fc
  .record({
    date: dateArb,
    category: categoryArb,
    tenths: fc.integer({ min: 1, max: 400 }),
    title: titleArb,
  })
  .map(({ tenths, title, ...a }) => ({ kind: 'online_course', hours: tenths / 10, ...a, ...(title ? { title } : {}) }) as Activity);

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
      lengthDays: fc.integer({ min: 0, max: 900 }),
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
