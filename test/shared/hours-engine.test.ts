import { describe, expect, it } from 'vitest';
import { PreviewResponseSchema, type Activity } from '../../shared/hours';
import { run, yearOfResult } from './helpers';

const training = (date: string, days: number, extra: Partial<Activity> = {}): Activity =>
  ({ kind: 'training', date, category: 'professional', days, ...extra }) as Activity;

describe('rules §7 preview details', () => {
  it('activityId is the given id, or #N (0-based position) when omitted', () => {
    const result = run([training('2022-01-01', 1), training('2022-01-02', 1, { id: 'mine' }), training('2022-01-03', 1)]);
    expect(result.years[0]!.items.map((i) => i.activityId)).toEqual(['#0', 'mine', '#2']);
  });

  it('the years present include those of rejected activities', () => {
    const result = run([{ kind: 'paper', date: '2020-05-01', authorRole: 'other', domesticCN: false }]);
    expect(result.years).toEqual([
      expect.objectContaining({ year: 2020, totalHours: 0, compliant: false, deemedComplete: false, items: [] }),
    ]);
    expect(result.rejected).toHaveLength(1);
  });

  it('without a span the years are the years present, ascending', () => {
    const result = run([training('2022-01-01', 1), training('2018-01-01', 1)]);
    expect(result.years.map((y) => y.year)).toEqual([2018, 2022]);
  });

  it('with a span every year of it is present, ascending; empty years are zeros and not compliant', () => {
    const result = run([training('2020-03-01', 9)], { span: { from: 2018, to: 2022 } });
    expect(result.years.map((y) => y.year)).toEqual([2018, 2019, 2020, 2021, 2022]);
    expect(yearOfResult(result, 2019)).toEqual({
      year: 2019,
      publicHours: 0,
      professionalHours: 0,
      totalHours: 0,
      requiredHours: 90,
      basis: { document: '《专业技术人员继续教育规定》（人社部令第25号）', assumed: false },
      compliant: false,
      professionalShareOk: false,
      deemedComplete: false,
      items: [],
      warnings: [
        { code: 'required_hours_short', message: '本年度合计0学时，不足90学时（差90学时）' },
        expect.objectContaining({ code: 'professional_share_short' }),
      ],
    });
    expect(yearOfResult(result, 2020)).toMatchObject({ totalHours: 90, compliant: true });
  });

  it('an activity whose years all fall outside the span is rejected with outside_span', () => {
    const result = run([training('2017-12-31', 3, { id: 'old' }), training('2018-01-01', 3)], {
      span: { from: 2018, to: 2022 },
    });
    expect(result.rejected).toEqual([{ activityId: 'old', code: 'outside_span', message: expect.stringContaining('2017') }]);
    expect(result.years.map((y) => y.year)).toEqual([2018, 2019, 2020, 2021, 2022]);
  });

  it('outside_span wins over a rule rejection: the activity is not assessed at all', () => {
    const result = run([{ kind: 'paper', date: '2010-01-01', authorRole: 'other', domesticCN: false }], {
      span: { from: 2018, to: 2022 },
    });
    expect(result.rejected[0]!.code).toBe('outside_span');
  });

  it('an aid assignment partly inside the span counts for its years inside it', () => {
    const result = run(
      [{ kind: 'aid_assignment', startDate: '2016-07-01', endDate: '2019-06-30', assessmentPassed: true, provincialOrAbove: true }],
      { span: { from: 2018, to: 2022 } },
    );
    expect(result.rejected).toEqual([]);
    expect(result.years.filter((y) => y.deemedComplete).map((y) => y.year)).toEqual([2018, 2019]);
  });

  it('an aid assignment wholly outside the span is outside_span', () => {
    const result = run(
      [{ kind: 'aid_assignment', startDate: '2015-01-01', endDate: '2016-12-31', assessmentPassed: true, provincialOrAbove: true }],
      { span: { from: 2018, to: 2022 } },
    );
    expect(result.rejected[0]!.code).toBe('outside_span');
  });

  it('items within a year are ordered by date, and rejected by date then id', () => {
    const result = run([
      training('2022-09-01', 1, { id: 'z' }),
      training('2022-03-01', 1, { id: 'y' }),
      { kind: 'paper', date: '2022-02-01', authorRole: 'other', domesticCN: false, id: 'b' },
      { kind: 'paper', date: '2022-02-01', authorRole: 'other', domesticCN: false, id: 'a' },
    ]);
    expect(result.years[0]!.items.map((i) => i.activityId)).toEqual(['y', 'z']);
    expect(result.rejected.map((r) => r.activityId)).toEqual(['a', 'b']);
  });

  it('the output matches the public response schema', () => {
    const result = run(
      [
        training('2022-01-01', 3),
        { kind: 'online_course', date: '2023-01-01', category: 'public', hours: 2.5 },
        { kind: 'aid_assignment', startDate: '2019-01-01', endDate: '2020-06-30', assessmentPassed: true, provincialOrAbove: true },
      ],
      { span: { from: 2018, to: 2023 } },
    );
    expect(PreviewResponseSchema.safeParse(result).success).toBe(true);
  });

  it('no activities and no span: no years', () => {
    expect(run([])).toEqual({ years: [], rejected: [] });
  });
});

describe('prior certificates (通知四(二))', () => {
  const certificate = {
    number: 'HN-430000-2022-000123',
    years: [2017, 2018, 2019, 2020, 2021].map((year) => ({ year, publicHours: 30, professionalHours: 62.5 })),
  };

  it('a 2017–2021 certificate plus 2022 records serves a 2023 application', () => {
    const result = run([training('2022-05-01', 9), training('2020-05-01', 5, { id: 'again' })], {
      span: { from: 2018, to: 2022 },
      priorCertificates: [certificate],
    });
    for (const year of [2018, 2019, 2020, 2021]) {
      const y = yearOfResult(result, year);
      expect(y).toMatchObject({ publicHours: 30, professionalHours: 62.5, totalHours: 92.5, compliant: true });
      expect(y.items).toEqual([
        expect.objectContaining({ activityId: certificate.number, kind: 'prior_certificate', rule: 'CERT', category: 'public', hours: 30 }),
        expect.objectContaining({
          activityId: certificate.number,
          kind: 'prior_certificate',
          rule: 'CERT',
          category: 'professional',
          hours: 62.5,
        }),
      ]);
    }
    expect(yearOfResult(result, 2022)).toMatchObject({ professionalHours: 90, compliant: true });
    expect(result.rejected).toEqual([
      { activityId: 'again', code: 'covered_by_certificate', message: expect.stringContaining(certificate.number) },
    ]);
  });

  it('without a span, certificate years count as present', () => {
    const result = run([training('2022-05-01', 9)], { priorCertificates: [certificate] });
    expect(result.years.map((y) => y.year)).toEqual([2017, 2018, 2019, 2020, 2021, 2022]);
  });

  it('a year listed as deemed on the certificate stays deemed', () => {
    const result = run([], {
      priorCertificates: [{ number: 'X-1', years: [{ year: 2020, publicHours: 0, professionalHours: 90, deemedComplete: true }] }],
    });
    expect(result.years[0]).toMatchObject({ year: 2020, deemedComplete: true, compliant: true });
  });
});

describe('order independence where one activity wins over another', () => {
  it('C8: the earlier-dated course counts whatever the input order', () => {
    const a: Activity = { kind: 'degree_course', date: '2022-03-01', coursesPassed: 1, id: 'a' };
    const b: Activity = { kind: 'degree_course', date: '2022-09-01', coursesPassed: 3, id: 'b' };
    expect(run([a, b])).toEqual(run([b, a]));
    expect(run([a, b]).years[0]!.items[0]!.activityId).toBe('a');
  });

  it('same date and no ids: the same content wins in either order', () => {
    const one: Activity = { kind: 'qualification_exam', date: '2022-03-01', subjectsPassed: 1 };
    const two: Activity = { kind: 'qualification_exam', date: '2022-03-01', subjectsPassed: 2 };
    const notes = (activities: Activity[]) => run(activities).years[0]!.items.map((i) => i.note);
    expect(notes([one, two])).toEqual(notes([two, one]));
  });

  it('duplicates: the earlier in input (recording) order counts, never the one that earns more', () => {
    const base = { kind: 'online_course', date: '2022-03-01', category: 'professional', title: '课程' } as const;
    const real: Activity = { ...base, hours: 5, id: 'real' };
    const inflated: Activity = { ...base, hours: 8, id: 'inflated' };
    const result = run([real, inflated]);
    expect(result.years[0]!.totalHours).toBe(5);
    expect(result.rejected).toEqual([{ activityId: 'inflated', code: 'probable_duplicate', message: expect.stringContaining('real') }]);
    // They differ in hours: the year says so, with both figures, for the reviewer to resolve.
    const [warning] = result.years[0]!.warnings.filter((w) => w.code === 'probable_duplicate');
    expect(warning!.message).toContain('real（5学时）');
    expect(warning!.message).toContain('inflated（8学时）');
    expect(warning!.message).toContain('学时不同');
    // Recorded the other way round, the other one counts.
    expect(run([inflated, real]).years[0]!.totalHours).toBe(8);
  });

  it('duplicates of equal hours: the year still says which one counts, without a conflict of hours', () => {
    const base: Activity = { kind: 'training', date: '2022-03-01', category: 'professional', days: 2, title: '班' };
    const result = run([
      { ...base, id: 'x' },
      { ...base, id: 'y' },
    ]);
    expect(result.years[0]!.totalHours).toBe(20);
    const [warning] = result.years[0]!.warnings.filter((w) => w.code === 'probable_duplicate');
    expect(warning!.message).toContain('仅计在先的x');
    expect(warning!.message).not.toContain('学时不同');
  });
});

describe('an item that earns nothing is rejected, never an ordinary item', () => {
  it('an online course under a tenth (as stored before the exact check) is rejected with its reason', () => {
    const result = run([
      { kind: 'online_course', date: '2022-03-01', category: 'public', hours: 1e-9, id: 'tiny' },
      { kind: 'online_course', date: '2022-03-01', category: 'public', hours: 0.04, id: 'small' },
    ]);
    expect(result.years[0]!.items).toEqual([]);
    expect(result.years[0]!.totalHours).toBe(0);
    expect(result.rejected.map((r) => [r.activityId, r.code])).toEqual([
      ['small', 'no_hours'],
      ['tiny', 'no_hours'],
    ]);
    expect(result.rejected[0]!.message).toContain('0学时');
  });
});
