import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActivitySchema, PreviewResponseSchema, type Activity, type PreviewResponse } from '../../shared/hours';
import { PUBLIC_THEMES_2023 } from '../../shared/policy';
import { activitiesWithIdsArb, activityArb, dateArb, duplicateIdentity, keepDuplicateOrder, onlineArb, YEARS } from './arbitraries';
import { run } from './helpers';

const tenths = (hours: number) => Math.round(hours * 10);
const span = { from: YEARS.from, to: YEARS.to };

describe('engine properties (fast-check)', () => {
  it('the generators only make valid activities', () => {
    fc.assert(fc.property(activityArb, (a) => ActivitySchema.safeParse(a).success));
  });

  it("each year's totals equal the sum of its items, and the result fits the response schema", () => {
    fc.assert(
      fc.property(fc.array(activityArb, { maxLength: 40 }), (activities) => {
        const result = run(activities);
        expect(PreviewResponseSchema.safeParse(result).success).toBe(true);
        for (const y of result.years) {
          const sum = (category?: string) =>
            y.items.filter((i) => !category || i.category === category).reduce((s, i) => s + tenths(i.hours), 0);
          expect(tenths(y.totalHours)).toBe(sum());
          expect(tenths(y.publicHours)).toBe(sum('public'));
          expect(tenths(y.professionalHours)).toBe(sum('professional'));
          expect(y.totalHours).toBe(sum() / 10);
          expect(y.compliant).toBe(y.deemedComplete || y.totalHours >= 90);
          expect(y.professionalShareOk).toBe(y.deemedComplete || y.professionalHours >= 60);
          // A short year says so plainly; only the professional warning of a compliant year offers acceptance.
          const codes = y.warnings.map((w) => w.code);
          expect(codes.includes('required_hours_short')).toBe(!y.compliant);
          expect(codes.includes('professional_share_short')).toBe(!y.professionalShareOk);
          for (const w of y.warnings) expect(w.message.includes('认可')).toBe(w.code === 'professional_share_short' && y.compliant);
          // Nothing credited earns 0: what earns nothing is in `rejected`.
          for (const i of y.items) expect(i.hours).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('every activity is either credited or rejected', () => {
    fc.assert(
      fc.property(activitiesWithIdsArb, (activities) => {
        const result = run(activities, { span });
        const credited = new Set(result.years.flatMap((y) => y.items.map((i) => i.activityId)));
        const rejected = new Set(result.rejected.map((r) => r.activityId));
        for (const a of activities) expect(credited.has(a.id!) !== rejected.has(a.id!)).toBe(true);
      }),
    );
  });

  it('the result does not depend on the order of the activities, except which probable duplicate came first', () => {
    fc.assert(
      fc.property(
        activitiesWithIdsArb.chain((activities) =>
          fc.tuple(
            fc.constant(activities),
            fc
              .shuffledSubarray(activities, { minLength: activities.length, maxLength: activities.length })
              .map((s) => keepDuplicateOrder(activities, s)),
          ),
        ),
        ([activities, shuffled]) => {
          expect(run(shuffled)).toEqual(run(activities));
          expect(run(shuffled, { span })).toEqual(run(activities, { span }));
        },
      ),
    );
  });

  it('without ids, reordering changes only the #N labels, not the figures', () => {
    const figures = (r: PreviewResponse) =>
      r.years.map((y) => [y.year, y.publicHours, y.professionalHours, y.compliant, y.professionalShareOk, y.deemedComplete]);
    fc.assert(
      fc.property(
        fc.array(activityArb, { maxLength: 30 }).chain((activities) =>
          fc.tuple(
            fc.constant(activities),
            fc
              .shuffledSubarray(activities, { minLength: activities.length, maxLength: activities.length })
              .map((s) => keepDuplicateOrder(activities, s)),
          ),
        ),
        ([activities, shuffled]) => {
          expect(figures(run(shuffled))).toEqual(figures(run(activities)));
          const notes = (r: PreviewResponse) => r.years.flatMap((y) => y.items.map((i) => i.note)).sort();
          expect(notes(run(shuffled))).toEqual(notes(run(activities)));
        },
      ),
    );
  });

  it('tenths stay exact: the total of online hours is the exact sum of their tenths', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 50 }), dateArb, (parts, date) => {
        const y = run(parts.map((t) => ({ kind: 'online_course', date, category: 'public', hours: t / 10 }))).years[0]!;
        const exact = parts.reduce((s, t) => s + t, 0) / 10;
        expect(y.totalHours).toBe(exact);
        expect(y.publicHours).toBe(exact);
      }),
    );
  });

  it('adding an activity never lowers a year (total or compliance): a later record anywhere, one without identity at any position', () => {
    fc.assert(
      fc.property(fc.array(activityArb, { maxLength: 30 }), activityArb, fc.nat(), (activities, extra, at) => {
        const before = run(activities, { span });
        const withExtra = [...activities];
        // A record with a title or provider inserted before its copy would make the copy the later one.
        withExtra.splice(duplicateIdentity(extra) === undefined ? at % (activities.length + 1) : activities.length, 0, extra);
        const after = run(withExtra, { span });
        before.years.forEach((y, i) => {
          const z = after.years[i]!;
          expect(z.year).toBe(y.year);
          expect(z.totalHours).toBeGreaterThanOrEqual(y.totalHours);
          if (y.compliant) expect(z.compliant).toBe(true);
          if (y.deemedComplete) expect(z.deemedComplete).toBe(true);
        });
      }),
    );
  });

  it('adding a duplicate-prone online course (same small title pool) never lowers a year', () => {
    fc.assert(
      fc.property(fc.array(onlineArb, { maxLength: 20 }), onlineArb, (activities, extra) => {
        const before = run(activities, { span });
        const after = run([...activities, extra], { span });
        before.years.forEach((y, i) => expect(after.years[i]!.totalHours).toBeGreaterThanOrEqual(y.totalHours));
      }),
    );
  });

  it('a later copy of a recorded activity never counts, whatever it earns (rules §3 duplicates)', () => {
    fc.assert(
      fc.property(fc.array(onlineArb, { maxLength: 20 }), fc.nat(), fc.integer({ min: 1, max: 900 }), (activities, pick, tenths) => {
        fc.pre(activities.length > 0);
        const original = { ...activities[pick % activities.length]!, title: '同一课程' } as Activity;
        const recorded = [...activities, original];
        const copy = { ...original, hours: tenths / 10 } as Activity;
        const figures = (r: PreviewResponse) => r.years.map((y) => [y.year, y.publicHours, y.professionalHours]);
        const withCopy = run([...recorded, copy], { span });
        expect(figures(withCopy)).toEqual(figures(run(recorded, { span })));
        expect(withCopy.rejected.find((x) => x.activityId === `#${recorded.length}`)?.code).toBe('probable_duplicate');
      }),
    );
  });

  it('in 2023, the year with themes, a public item without one of its themes is flagged', () => {
    const themes = new Set<string>(PUBLIC_THEMES_2023);
    fc.assert(
      fc.property(fc.array(activityArb, { maxLength: 30 }), (activities) => {
        const result = run(activities.map((a, i) => ({ ...a, id: `a${i}` }) as Activity));
        const y2023 = result.years.find((y) => y.year === 2023);
        if (!y2023) return;
        const credited = new Set(y2023.items.filter((i) => i.category === 'public').map((i) => i.activityId));
        const unthemed = activities
          .map((a, i) => ({ a, id: `a${i}` }))
          .filter(({ a, id }) => credited.has(id) && !('theme' in a && a.theme !== undefined && themes.has(a.theme)));
        expect(y2023.warnings.some((w) => w.code === 'public_theme_missing')).toBe(unthemed.length > 0);
      }),
    );
  });
});
