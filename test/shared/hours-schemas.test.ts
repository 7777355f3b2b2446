import { describe, expect, it } from 'vitest';
import { CompletionRecordSchema } from '../../shared/bases';
import { ActivitySchema, hasAtMostOneDecimal, HoursInputSchema, PreviewRequestSchema, PriorCertificateSchema } from '../../shared/hours';
import { parseWithDetails } from '../../shared/validation';

const ok = (input: unknown) => ActivitySchema.safeParse(input).success;
const messagesOf = (input: unknown) => {
  const result = parseWithDetails(ActivitySchema, input);
  return result.ok ? [] : result.details;
};

const training = { kind: 'training', date: '2022-05-20', category: 'professional', days: 1 };

describe('ActivitySchema: dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-28', true],
    ['2023-02-29', false],
    ['2023-02-30', false],
    ['2023-04-31', false],
    ['2023-13-01', false],
    ['2023-5-1', false],
    ['20230501', false],
    ['1899-12-31', false],
  ])('date %s → %s', (date, valid) => {
    expect(ok({ ...training, date })).toBe(valid);
  });

  it('an impossible date says so in zh-CN, with the path', () => {
    expect(messagesOf({ ...training, date: '2023-02-30' })).toEqual([{ path: 'date', message: '日期不存在，请填写真实的公历日期' }]);
  });
});

describe('ActivitySchema: C1 units', () => {
  it.each([
    [{ days: 1 }, true],
    [{ halfDays: 1 }, true],
    [{ evenings: 1 }, true],
    [{ days: 0, halfDays: 0, evenings: 2 }, true],
    [{ days: 0 }, false],
    [{}, false],
    [{ days: 1.5 }, false],
    [{ days: -1 }, false],
    [{ days: '3' }, false],
  ])('%j → %s', (units, valid) => {
    const { days: _drop, ...rest } = training;
    expect(ok({ ...rest, ...units })).toBe(valid);
  });

  it('at least one unit > 0, said in zh-CN', () => {
    expect(messagesOf({ ...training, days: 0 })[0]!.message).toContain('至少一项须大于0');
  });

  it.each(['training', 'practice', 'academic_event', 'overseas_exchange'])('%s is a C1 kind', (kind) => {
    expect(ok({ ...training, kind })).toBe(true);
  });

  it('needs a category', () => {
    const { category: _c, ...rest } = training;
    expect(ok(rest)).toBe(false);
  });
});

describe('ActivitySchema: online hours', () => {
  const online = { kind: 'online_course', date: '2022-05-20', category: 'public' };
  it.each([
    [0.1, true],
    [1.1, true],
    [12.5, true],
    [40, true],
    [0, false],
    [-1, false],
    [1.25, false],
    [0.05, false],
    // Tenths exactly, no tolerance: these used to pass as "one decimal" and earned 0 or 0.1.
    [1e-9, false],
    [0.100000001, false],
    [12.50000001, false],
    [0.30000000000000004, false],
    [0.3, true],
    [9999.9, true],
  ])('hours %s → %s', (hours, valid) => {
    expect(ok({ ...online, hours })).toBe(valid);
  });
});

describe('hasAtMostOneDecimal: tenths compared exactly', () => {
  it.each([
    [0, true],
    [0.1, true],
    [0.7, true],
    [123.4, true],
    [1e-9, false],
    [0.100000001, false],
    [0.05, false],
    [1.25, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
  ])('%s → %s', (value, expected) => {
    expect(hasAtMostOneDecimal(value)).toBe(expected);
  });

  it('every one-decimal literal of 0.0–1000.0 passes', () => {
    for (let t = 0; t <= 10_000; t++) expect(hasAtMostOneDecimal(Number((t / 10).toFixed(1)))).toBe(true);
  });
});

describe('CompletionRecordSchema (base API): hours in tenths exactly', () => {
  const record = {
    externalId: 'X-1',
    idNumber: '430102198503122013',
    name: '张伟',
    kind: 'online_course',
    courseTitle: '网络课程',
    category: 'public',
    startDate: '2024-05-20',
    endDate: '2024-05-20',
    assessment: 'passed',
  };
  it.each([
    [12.5, true],
    [1e-9, false],
    [0.100000001, false],
  ])('hours %s → %s', (hours, valid) => {
    expect(CompletionRecordSchema.safeParse({ ...record, hours }).success).toBe(valid);
  });
});

describe('HoursInputSchema (prior certificates, paper years): tenths exactly', () => {
  it.each([
    [30.5, true],
    [0, true],
    [1e-9, false],
    [60.000001, false],
  ])('%s → %s', (hours, valid) => {
    expect(HoursInputSchema.safeParse(hours).success).toBe(valid);
  });
});

describe('ActivitySchema: counted units are integers ≥ 1', () => {
  it.each([
    [{ kind: 'computer_exam', date: '2022-01-01', modules: 2 }, true],
    [{ kind: 'computer_exam', date: '2022-01-01', modules: 0 }, false],
    [{ kind: 'computer_exam', date: '2022-01-01', modules: 1.5 }, false],
    [{ kind: 'degree_course', date: '2022-01-01', coursesPassed: 1 }, true],
    [{ kind: 'degree_course', date: '2022-01-01', coursesPassed: 0 }, false],
    [{ kind: 'qualification_exam', date: '2022-01-01', subjectsPassed: 1 }, true],
    [{ kind: 'qualification_exam', date: '2022-01-01', subjectsPassed: 0 }, false],
    [{ kind: 'award', date: '2022-01-01', level: 'prefectural', rank: 1 }, true],
    [{ kind: 'award', date: '2022-01-01', level: 'prefectural', rank: 0 }, false],
    [{ kind: 'award', date: '2022-01-01', level: 'national', rank: 1 }, false],
  ])('%j → %s', (activity, valid) => {
    expect(ok(activity)).toBe(valid);
  });
});

describe('ActivitySchema: other kinds', () => {
  it.each([
    [{ kind: 'research_project', date: '2022-01-01', sponsor: 'government', role: 'host' }, true],
    [{ kind: 'research_project', date: '2022-01-01', sponsor: 'government' }, false],
    [{ kind: 'book', date: '2022-01-01', authorRole: 'other' }, true],
    [{ kind: 'book', date: '2022-01-01', authorRole: 'editor' }, false],
    [{ kind: 'paper', date: '2022-01-01', authorRole: 'other', domesticCN: true }, true],
    [{ kind: 'paper', date: '2022-01-01', authorRole: 'other', domesticCN: 'yes' }, false],
    [{ kind: 'patent', date: '2022-01-01', patentType: 'design', inventorRole: 'other' }, true],
    [{ kind: 'patent', date: '2022-01-01', patentType: 'software', inventorRole: 'other' }, false],
  ])('%j → %s', (activity, valid) => {
    expect(ok(activity)).toBe(valid);
  });

  it('an unknown kind is rejected in zh-CN', () => {
    expect(messagesOf({ kind: 'seminar', date: '2022-01-01' })).toEqual([
      { path: 'kind', message: expect.stringContaining('未知的活动类型') },
    ]);
  });

  it('an unknown field is rejected, with its path', () => {
    const details = messagesOf({ ...training, hourz: 3 });
    expect(details).toHaveLength(1);
    expect(details[0]!.message).toContain('hourz');
  });
});

describe('ActivitySchema: aid assignments', () => {
  const aid = {
    kind: 'aid_assignment',
    startDate: '2021-01-01',
    endDate: '2021-06-30',
    assessmentPassed: true,
    provincialOrAbove: true,
  };
  it('accepts a period', () => expect(ok(aid)).toBe(true));
  it('accepts a one-day period', () => expect(ok({ ...aid, endDate: aid.startDate })).toBe(true));
  it('has no date', () => expect(ok({ ...aid, date: '2021-06-30' })).toBe(false));
  it('endDate ≥ startDate', () => {
    expect(messagesOf({ ...aid, endDate: '2020-12-31' })).toEqual([{ path: 'endDate', message: '结束日期不能早于开始日期' }]);
  });
  it('needs assessmentPassed and provincialOrAbove', () => {
    const { assessmentPassed: _a, ...rest } = aid;
    expect(ok(rest)).toBe(false);
  });
});

describe('ActivitySchema: ids', () => {
  it('accepts a caller id', () => expect(ok({ ...training, id: 'row-1' })).toBe(true));
  it('refuses ids starting with # (reserved for positions)', () => expect(ok({ ...training, id: '#1' })).toBe(false));
  it('refuses an empty id', () => expect(ok({ ...training, id: '' })).toBe(false));
});

describe('PreviewRequestSchema', () => {
  const parse = (body: unknown) => parseWithDetails(PreviewRequestSchema, body);

  it('takes activities and an optional span', () => {
    expect(parse({ activities: [training] }).ok).toBe(true);
    expect(parse({ activities: [training], span: { from: 2018, to: 2022 } }).ok).toBe(true);
  });

  it('at most 1000 activities', () => {
    expect(parse({ activities: Array(1000).fill(training) }).ok).toBe(true);
    const result = parse({ activities: Array(1001).fill(training) });
    expect(result).toEqual({ ok: false, details: [{ path: 'activities', message: '一次最多计算1000项活动' }] });
  });

  it.each([
    [{ from: 2018, to: 2018 }, true],
    [{ from: 2022, to: 2018 }, false],
    [{ from: 1973, to: 2022 }, true],
    [{ from: 1972, to: 2022 }, false],
    [{ from: 2018.5, to: 2022 }, false],
    [{ from: 2018 }, false],
  ])('span %j → %s', (span, valid) => {
    expect(parse({ activities: [], span }).ok).toBe(valid);
  });

  it('span from > to says so in zh-CN', () => {
    expect(parse({ activities: [], span: { from: 2022, to: 2018 } })).toEqual({
      ok: false,
      details: [{ path: 'span.to', message: '起始年度（from）不能晚于结束年度（to）' }],
    });
  });

  it('repeated ids are refused', () => {
    const result = parse({
      activities: [
        { ...training, id: 'x' },
        { ...training, id: 'x' },
      ],
    });
    expect(result).toEqual({ ok: false, details: [{ path: 'activities.1.id', message: 'id「x」与第0项重复' }] });
  });

  it('every problem is reported with its path', () => {
    const result = parse({
      activities: [
        { ...training, date: '2023-02-30' },
        { ...training, days: -1 },
      ],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.details.map((d) => d.path)).toEqual(['activities.0.date', 'activities.1.days']);
  });

  it("zod's own messages come in zh-CN too", () => {
    const result = parse({ activities: 'none' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.details[0]!.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('PriorCertificateSchema', () => {
  it('accepts years with one-decimal hours', () => {
    expect(
      PriorCertificateSchema.safeParse({ number: 'HN-1', years: [{ year: 2020, publicHours: 30.5, professionalHours: 60 }] }).success,
    ).toBe(true);
  });
  it('refuses repeated years', () => {
    const year = { year: 2020, publicHours: 30, professionalHours: 60 };
    expect(PriorCertificateSchema.safeParse({ number: 'HN-1', years: [year, year] }).success).toBe(false);
  });
});

describe('AidAssignmentSchema: at most 50 calendar years (the span cap)', () => {
  const aid = { kind: 'aid_assignment', assessmentPassed: true, provincialOrAbove: true };
  it.each([
    ['2001-01-01', '2050-12-31', true],
    ['2001-12-31', '2050-01-01', true],
    ['2000-12-31', '2050-01-01', false],
    ['1900-01-01', '2100-12-31', false],
  ])('%s … %s → %s', (startDate, endDate, valid) => {
    expect(ok({ ...aid, startDate, endDate })).toBe(valid);
  });
  it('says why, on endDate', () => {
    expect(messagesOf({ ...aid, startDate: '1900-01-01', endDate: '2100-12-31' })).toEqual([
      { path: 'endDate', message: expect.stringContaining('50') },
    ]);
  });
});
