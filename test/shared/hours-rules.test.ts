import { describe, expect, it } from 'vitest';
import { REJECTION_LABELS, RULE_LABELS, type Activity, type Category, type RejectionCode, type Rule } from '../../shared/hours';
import { run, yearOfResult } from './helpers';
import { DEFAULT_POLICY, type HoursPolicy } from '../../shared/policy';

/** A policy with the rules' thresholds (rules §3) and `requiredHours` as given, plus per-year changes. */
function testPolicy(requiredHours: number, years: HoursPolicy['years'] = {}): HoursPolicy {
  return {
    defaults: { ...DEFAULT_POLICY.defaults, requiredHours, filingWindow: null, basis: '测试用政策' },
    years,
    doctorSpanFromDoctorate: false,
  };
}

/** One row of rules §3's table: a single activity and what it earns. */
interface CreditRow {
  name: string;
  activity: Activity;
  rule: Rule;
  category: Category;
  hours: number;
  note?: string;
}

const pro = 'professional' as const;

const creditRows: CreditRow[] = [
  // C1 — 附件第二部分第1条
  {
    name: 'C1 training: days, half days and evenings combine',
    activity: { kind: 'training', date: '2022-05-20', category: pro, days: 3, halfDays: 1, evenings: 2 },
    rule: 'C1',
    category: pro,
    hours: 38,
    note: '培训3天、半天1次、晚上2次：3×10+1×4+2×2=38学时',
  },
  {
    name: 'C1 training: days only',
    activity: { kind: 'training', date: '2022-05-20', category: pro, days: 5 },
    rule: 'C1',
    category: pro,
    hours: 50,
    note: '培训5天：5×10=50学时',
  },
  {
    name: 'C1 practice: one day',
    activity: { kind: 'practice', date: '2022-05-20', category: pro, days: 1 },
    rule: 'C1',
    category: pro,
    hours: 10,
  },
  {
    name: 'C1 academic event: two half days, public',
    activity: { kind: 'academic_event', date: '2022-05-20', category: 'public', halfDays: 2 },
    rule: 'C1',
    category: 'public',
    hours: 8,
    note: '学术活动半天2次：2×4=8学时',
  },
  {
    name: 'C1 overseas exchange: evenings',
    activity: { kind: 'overseas_exchange', date: '2022-05-20', category: pro, evenings: 3 },
    rule: 'C1',
    category: pro,
    hours: 6,
    note: '海外交流晚上3次：3×2=6学时',
  },
  // ONLINE
  {
    name: 'ONLINE: declared hours with one decimal',
    activity: { kind: 'online_course', date: '2022-05-20', category: 'public', hours: 12.5 },
    rule: 'ONLINE',
    category: 'public',
    hours: 12.5,
    note: '网络课程时长12.5学时：计12.5学时',
  },
  // C2 — 附件第二部分第2条
  {
    name: 'C2 government project, host',
    activity: { kind: 'research_project', date: '2022-05-20', sponsor: 'government', role: 'host' },
    rule: 'C2',
    category: pro,
    hours: 90,
    note: '政府课题主持：90学时',
  },
  {
    name: 'C2 industry-organisation project, participant',
    activity: { kind: 'research_project', date: '2022-05-20', sponsor: 'industry_org', role: 'participant' },
    rule: 'C2',
    category: pro,
    hours: 60,
  },
  // C3a — 附件第二部分第3条
  {
    name: 'C3a book, sole or first author',
    activity: { kind: 'book', date: '2022-05-20', authorRole: 'sole_or_first' },
    rule: 'C3a',
    category: pro,
    hours: 90,
  },
  {
    name: 'C3a book, other author',
    activity: { kind: 'book', date: '2022-05-20', authorRole: 'other' },
    rule: 'C3a',
    category: pro,
    hours: 60,
  },
  // C3b
  {
    name: 'C3b paper in a CN journal, sole or first author',
    activity: { kind: 'paper', date: '2022-05-20', authorRole: 'sole_or_first', domesticCN: true },
    rule: 'C3b',
    category: pro,
    hours: 30,
    note: '国内统一刊号论文独立或第一作者：30学时',
  },
  {
    name: 'C3b paper in a CN journal, other author',
    activity: { kind: 'paper', date: '2022-05-20', authorRole: 'other', domesticCN: true },
    rule: 'C3b',
    category: pro,
    hours: 10,
  },
  // C4 — 附件第二部分第4条
  {
    name: 'C4 invention patent, first inventor',
    activity: { kind: 'patent', date: '2022-05-20', patentType: 'invention', inventorRole: 'sole_or_first' },
    rule: 'C4',
    category: pro,
    hours: 90,
    note: '发明专利独立或第一完成人：90学时',
  },
  {
    name: 'C4 utility model, other inventor',
    activity: { kind: 'patent', date: '2022-05-20', patentType: 'utility_model', inventorRole: 'other' },
    rule: 'C4',
    category: pro,
    hours: 60,
  },
  {
    name: 'C4 design patent, first inventor',
    activity: { kind: 'patent', date: '2022-05-20', patentType: 'design', inventorRole: 'sole_or_first' },
    rule: 'C4',
    category: pro,
    hours: 90,
  },
  // C5 — 附件第二部分第5条
  {
    name: 'C5 provincial or above: 90 whatever the rank',
    activity: { kind: 'award', date: '2022-05-20', level: 'provincial_or_above', rank: 9 },
    rule: 'C5',
    category: pro,
    hours: 90,
  },
  {
    name: 'C5 prefectural, rank 1',
    activity: { kind: 'award', date: '2022-05-20', level: 'prefectural', rank: 1 },
    rule: 'C5',
    category: pro,
    hours: 60,
  },
  {
    name: 'C5 prefectural, rank 5 (last of the first five)',
    activity: { kind: 'award', date: '2022-05-20', level: 'prefectural', rank: 5 },
    rule: 'C5',
    category: pro,
    hours: 60,
    note: '地厅级奖项第5名完成人（前五名）：60学时',
  },
  {
    name: 'C5 prefectural, rank 6',
    activity: { kind: 'award', date: '2022-05-20', level: 'prefectural', rank: 6 },
    rule: 'C5',
    category: pro,
    hours: 30,
  },
  // C6 — 附件第二部分第6条
  {
    name: 'C6 one module',
    activity: { kind: 'computer_exam', date: '2022-05-20', modules: 1 },
    rule: 'C6',
    category: pro,
    hours: 20,
  },
  {
    name: 'C6 three modules',
    activity: { kind: 'computer_exam', date: '2022-05-20', modules: 3 },
    rule: 'C6',
    category: pro,
    hours: 60,
    note: '计算机应用能力考试合格3个模块：3×20=60学时',
  },
  // C8 / C9 — 附件第二部分第8、9条
  {
    name: 'C8 degree course passed',
    activity: { kind: 'degree_course', date: '2022-05-20', coursesPassed: 2 },
    rule: 'C8',
    category: pro,
    hours: 90,
  },
  {
    name: 'C9 qualification exam subject passed',
    activity: { kind: 'qualification_exam', date: '2022-05-20', subjectsPassed: 1 },
    rule: 'C9',
    category: pro,
    hours: 90,
  },
];

describe('rules §3 conversion table: credited rows', () => {
  it.each(creditRows)('$name → $hours', ({ activity, rule, category, hours, note }) => {
    const result = run([activity]);
    expect(result.rejected).toEqual([]);
    const year = yearOfResult(result, 2022);
    expect(year.items).toHaveLength(1);
    const item = year.items[0]!;
    expect(item).toMatchObject({ activityId: '#0', kind: activity.kind, rule, category, hours });
    if (note) expect(item.note).toBe(note);
    expect(year.totalHours).toBe(hours);
    expect(category === 'public' ? year.publicHours : year.professionalHours).toBe(hours);
  });
});

interface RejectRow {
  name: string;
  activity: Activity;
  code: RejectionCode;
  year: number;
}

const rejectRows: RejectRow[] = [
  {
    name: 'C2 other sponsors earn 0',
    activity: { kind: 'research_project', date: '2022-05-20', sponsor: 'other', role: 'host' },
    code: 'sponsor_not_eligible',
    year: 2022,
  },
  {
    name: 'C3b paper not in a domestic CN journal earns 0',
    activity: { kind: 'paper', date: '2022-05-20', authorRole: 'sole_or_first', domesticCN: false },
    code: 'paper_not_domestic_cn',
    year: 2022,
  },
  {
    name: 'C5 levels below prefectural earn 0',
    activity: { kind: 'award', date: '2022-05-20', level: 'other', rank: 1 },
    code: 'award_level_not_eligible',
    year: 2022,
  },
  {
    name: 'C7 failed assessment earns 0',
    activity: {
      kind: 'aid_assignment',
      startDate: '2022-01-01',
      endDate: '2022-12-31',
      assessmentPassed: false,
      provincialOrAbove: true,
    },
    code: 'assessment_failed',
    year: 2022,
  },
  {
    name: 'C7 below provincial level earns 0',
    activity: {
      kind: 'aid_assignment',
      startDate: '2022-01-01',
      endDate: '2022-12-31',
      assessmentPassed: true,
      provincialOrAbove: false,
    },
    code: 'aid_not_provincial',
    year: 2022,
  },
  {
    name: 'C7 shorter than 6 months earns 0 (1 Jan – 29 Jun)',
    activity: {
      kind: 'aid_assignment',
      startDate: '2022-01-01',
      endDate: '2022-06-29',
      assessmentPassed: true,
      provincialOrAbove: true,
    },
    code: 'aid_too_short',
    year: 2022,
  },
  {
    name: 'C7 one day short of startDate + 6 months − 1 day',
    activity: {
      kind: 'aid_assignment',
      startDate: '2022-03-15',
      endDate: '2022-09-13',
      assessmentPassed: true,
      provincialOrAbove: true,
    },
    code: 'aid_too_short',
    year: 2022,
  },
];

describe('rules §3 conversion table: rows that earn 0 are reported with the reason, never dropped', () => {
  it.each(rejectRows)('$name → $code', ({ activity, code, year }) => {
    const result = run([activity]);
    expect(result.rejected).toEqual([{ activityId: '#0', code, message: expect.any(String) }]);
    expect(result.rejected[0]!.message).toMatch(/[\u4e00-\u9fa5]/);
    // The year it is attributed to is still present, with zeros.
    const y = yearOfResult(result, year);
    expect(y).toMatchObject({ totalHours: 0, compliant: false, items: [] });
  });
});

const aid = (startDate: string, endDate: string): Activity => ({
  kind: 'aid_assignment',
  startDate,
  endDate,
  assessmentPassed: true,
  provincialOrAbove: true,
});

describe('rules §3 C7 aid assignments', () => {
  it.each([
    { name: '1 Jan – 30 Jun counts as 6 months', activity: aid('2021-01-01', '2021-06-30'), deemed: [2021] },
    { name: 'exactly startDate + 6 months − 1 day', activity: aid('2021-03-15', '2021-09-14'), deemed: [2021] },
    {
      name: '6 months across New Year: only the end year is deemed',
      activity: aid('2022-10-01', '2023-04-30'),
      deemed: [2023],
    },
    {
      name: 'just under startDate + 12 months: only the end year',
      activity: aid('2021-03-01', '2022-02-28'),
      deemed: [2022],
    },
    {
      name: 'endDate = startDate + 12 months: every overlapped year',
      activity: aid('2021-03-01', '2022-03-01'),
      deemed: [2021, 2022],
    },
    {
      name: 'three years abroad: every overlapped year',
      activity: aid('2019-07-01', '2022-06-30'),
      deemed: [2019, 2020, 2021, 2022],
    },
    {
      name: 'month-end start clamps (31 Aug + 6 months − 1 day = 28 Feb in a leap year)',
      activity: aid('2023-08-31', '2024-02-28'),
      deemed: [2024],
    },
  ])('$name → deems $deemed', ({ activity, deemed }) => {
    const result = run([activity]);
    expect(result.rejected).toEqual([]);
    expect(result.years.map((y) => y.year)).toEqual(deemed);
    for (const y of result.years) {
      expect(y).toMatchObject({
        deemedComplete: true,
        compliant: true,
        professionalShareOk: true,
        professionalHours: 90,
        totalHours: 90,
      });
      expect(y.items).toEqual([
        expect.objectContaining({ activityId: '#0', kind: 'aid_assignment', rule: 'C7', hours: 90, category: pro }),
      ]);
    }
  });

  it('writes the period and the deemed year into the note', () => {
    const [year] = run([aid('2021-01-01', '2021-06-30')]).years;
    expect(year!.items[0]!.note).toBe('外派2021-01-01至2021-06-30（满6个月），考核合格：视为完成2021年度90学时');
  });

  it('a deemed year satisfies R1 entirely, even where the policy asks for more than it carries', () => {
    const policy = testPolicy(120);
    const [year] = run([aid('2021-01-01', '2021-12-31')], { policy }).years;
    expect(year).toMatchObject({ totalHours: 90, requiredHours: 120, compliant: true, professionalShareOk: true });
    expect(year!.warnings).toEqual([]);
  });

  it('a year is deemed once: a second assignment over the same year earns nothing more', () => {
    const result = run([
      { ...aid('2021-01-01', '2021-12-31'), id: 'a' },
      { ...aid('2021-02-01', '2021-11-30'), id: 'b' },
    ]);
    expect(yearOfResult(result, 2021).totalHours).toBe(90);
    expect(result.rejected).toEqual([{ activityId: 'b', code: 'c7_year_already_deemed', message: expect.stringContaining('a') }]);
  });

  it('uses the thresholds of the policy of the year the assignment ends', () => {
    const policy = testPolicy(90, { '2022': { aidMonthsForYear: 3 } });
    expect(run([aid('2022-01-01', '2022-03-31')], { policy }).rejected).toEqual([]);
    expect(run([aid('2021-01-01', '2021-03-31')], { policy }).rejected[0]!.code).toBe('aid_too_short');
  });
});

describe('rules §3 Decisions', () => {
  it('credit is per item: two other-author books in a year add up to 120', () => {
    const y = run([
      { kind: 'book', date: '2022-03-01', authorRole: 'other' },
      { kind: 'book', date: '2022-09-01', authorRole: 'other' },
    ]).years[0]!;
    expect(y.professionalHours).toBe(120);
    expect(y.items).toHaveLength(2);
  });

  it.each([
    { kind: 'paper' as const, extra: { authorRole: 'sole_or_first', domesticCN: true }, each: 30 },
    { kind: 'research_project' as const, extra: { sponsor: 'government', role: 'participant' }, each: 60 },
    { kind: 'patent' as const, extra: { patentType: 'invention', inventorRole: 'other' }, each: 60 },
    { kind: 'award' as const, extra: { level: 'prefectural', rank: 7 }, each: 30 },
  ])('several $kind items in a year add up', ({ kind, extra, each }) => {
    const activities = [1, 2, 3].map((m) => ({ kind, date: `2022-0${m}-10`, ...extra }) as unknown as Activity);
    expect(run(activities).years[0]!.professionalHours).toBe(3 * each);
  });

  it.each([
    { kind: 'degree_course' as const, field: 'coursesPassed', code: 'c8_year_cap_reached' },
    { kind: 'qualification_exam' as const, field: 'subjectsPassed', code: 'c9_year_cap_reached' },
  ])('$kind gives at most 90 a year; a further item that year earns 0 with the reason', ({ kind, field, code }) => {
    const result = run([
      { kind, date: '2022-09-01', [field]: 1, id: 'late' } as unknown as Activity,
      { kind, date: '2022-03-01', [field]: 1, id: 'early' } as unknown as Activity,
      { kind, date: '2023-03-01', [field]: 1, id: 'next-year' } as unknown as Activity,
    ]);
    expect(yearOfResult(result, 2022).professionalHours).toBe(90);
    expect(yearOfResult(result, 2022).items.map((i) => i.activityId)).toEqual(['early']);
    expect(yearOfResult(result, 2023).professionalHours).toBe(90);
    // "later" is by date, not by input position.
    expect(result.rejected).toEqual([{ activityId: 'late', code, message: expect.stringContaining('early') }]);
  });

  it('C8 and C9 caps are separate: both in one year give 180', () => {
    const y = run([
      { kind: 'degree_course', date: '2022-03-01', coursesPassed: 1 },
      { kind: 'qualification_exam', date: '2022-03-01', subjectsPassed: 1 },
    ]).years[0]!;
    expect(y.professionalHours).toBe(180);
  });

  it('hours are tenths: 0.1 + 0.2 online hours make exactly 0.3', () => {
    const y = run([
      { kind: 'online_course', date: '2022-01-01', category: 'public', hours: 0.1 },
      { kind: 'online_course', date: '2022-01-02', category: 'public', hours: 0.2 },
    ]).years[0]!;
    expect(y.publicHours).toBe(0.3);
    expect(y.totalHours).toBe(0.3);
  });

  it('probable duplicate: same kind, title and dates — the later in input order does not count, with a warning', () => {
    const training = {
      kind: 'training',
      date: '2022-05-20',
      category: pro,
      days: 2,
      title: '医学影像新技术培训班',
      provider: '湖南省人民医院',
    } as const;
    const result = run([
      { ...training, id: 'b' },
      { ...training, id: 'a', title: ' 医学影像新技术 培训班 ' },
    ]);
    const y = yearOfResult(result, 2022);
    expect(y.totalHours).toBe(20);
    // rules §3: "the later-recorded one does not count"; the preview knows no recording time, so input order.
    expect(y.items.map((i) => i.activityId)).toEqual(['b']);
    expect(y.warnings).toContainEqual({ code: 'probable_duplicate', message: expect.stringContaining('a') });
    expect(result.rejected).toEqual([{ activityId: 'a', code: 'probable_duplicate', message: expect.stringContaining('b') }]);
  });

  it.each([
    { name: 'different dates', other: { date: '2022-05-21' } },
    { name: 'different titles', other: { title: '另一个培训班' } },
    { name: 'different providers', other: { provider: '另一家机构' } },
    { name: 'different kinds', other: { kind: 'practice' } },
  ])('not a duplicate when $name', ({ other }) => {
    const base = { kind: 'training', date: '2022-05-20', category: pro, days: 2, title: '培训班', provider: '机构' } as const;
    const y = run([base, { ...base, ...other } as Activity]).years[0]!;
    expect(y.totalHours).toBe(40);
  });

  it('records without a title or provider are never called duplicates (nothing to compare)', () => {
    const base = { kind: 'paper', date: '2022-05-20', authorRole: 'other', domesticCN: true } as const;
    expect(run([base, base]).years[0]!.professionalHours).toBe(20);
  });
});

describe('rules §3 R1 annual requirement', () => {
  const training = (hours: number, category: Category, date = '2022-05-20'): Activity => ({
    kind: 'online_course',
    date,
    category,
    hours,
  });

  it.each([
    { name: '90 exactly is compliant', pro: 60, pub: 30, compliant: true, shareOk: true },
    { name: '89.9 is not', pro: 60, pub: 29.9, compliant: false, shareOk: true },
    { name: 'professional 59.9 is short of 60 but the year is still compliant', pro: 59.9, pub: 40, compliant: true, shareOk: false },
    // Decision: the 2/3 is of the 90 required, not of the total earned (70 < 2/3 × 150).
    { name: '2/3 is of the 90 required, not of the total', pro: 70, pub: 80, compliant: true, shareOk: true },
    { name: 'all professional', pro: 90, pub: 0, compliant: true, shareOk: true },
  ])('$name', ({ pro: p, pub, compliant, shareOk }) => {
    const activities = [training(p, 'professional')];
    if (pub > 0) activities.push(training(pub, 'public', '2022-06-01'));
    const y = run(activities).years[0]!;
    expect(y.compliant).toBe(compliant);
    expect(y.professionalShareOk).toBe(shareOk);
    expect(y.requiredHours).toBe(90);
    expect(y.warnings.some((w) => w.code === 'professional_share_short')).toBe(!shareOk);
  });

  const online = (hours: number, category: Category, date = '2022-05-20'): Activity => ({ kind: 'online_course', date, category, hours });
  const codes = (y: { warnings: { code: string }[] }) => y.warnings.map((w) => w.code);

  it('a short professional part is named by its rule, 专业科目不足60学时, even at a 100% share', () => {
    // 90 public + 30 professional: compliant, all the year's professional hours… but under 60.
    const y = run([online(90, 'public', '2022-03-01'), online(30, 'professional')]).years[0]!;
    expect(codes(y)).toEqual(['professional_share_short']);
    const message = y.warnings[0]!.message;
    expect(message).toContain('专业科目不足60学时');
    expect(message).toContain('本年度专业科目30学时');
    expect(message).toContain('审核人员可书面说明理由后认可');
    expect(message).not.toMatch(/占比|总学时的2\/3/);
    const onlyProfessional = run([online(30, 'professional')]).years[0]!;
    expect(onlyProfessional.warnings.find((w) => w.code === 'professional_share_short')!.message).toContain('专业科目不足60学时');
  });

  it('a year short of 90 says so plainly, with the gap, and never that a reviewer may accept it', () => {
    const y = run([online(60, 'professional')]).years[0]!;
    expect(y.compliant).toBe(false);
    expect(y.warnings).toEqual([{ code: 'required_hours_short', message: '本年度合计60学时，不足90学时（差30学时）' }]);
  });

  it('an empty year: short of 90 (差90学时), and its professional warning offers no written acceptance', () => {
    const result = run([online(90, 'professional', '2020-05-01')], { span: { from: 2020, to: 2021 } });
    const empty = yearOfResult(result, 2021);
    expect(codes(empty)).toEqual(['required_hours_short', 'professional_share_short']);
    expect(empty.warnings[0]!.message).toBe('本年度合计0学时，不足90学时（差90学时）');
    for (const w of empty.warnings) expect(w.message).not.toContain('认可');
    expect(empty.warnings[1]!.message).toContain('专业科目不足60学时');
  });

  it('fractional totals: 89.9 is short by 0.1', () => {
    const y = run([online(60, 'professional'), online(29.9, 'public', '2022-06-01')]).years[0]!;
    expect(y.warnings).toEqual([{ code: 'required_hours_short', message: '本年度合计89.9学时，不足90学时（差0.1学时）' }]);
  });

  it("the figures come from the year's policy", () => {
    const policy = testPolicy(100);
    const y = run([online(50, 'professional'), online(45, 'public', '2022-06-01')], { policy }).years[0]!;
    expect(y.warnings.map((w) => w.message)).toEqual([
      '本年度合计95学时，不足100学时（差5学时）',
      expect.stringContaining('专业科目不足60学时'),
    ]);
  });

  it('no surplus carries over between years', () => {
    const result = run(
      [
        { kind: 'book', date: '2021-05-01', authorRole: 'sole_or_first' },
        { kind: 'book', date: '2021-06-01', authorRole: 'sole_or_first' },
      ],
      { span: { from: 2021, to: 2022 } },
    );
    expect(yearOfResult(result, 2021)).toMatchObject({ totalHours: 180, compliant: true });
    expect(yearOfResult(result, 2022)).toMatchObject({ totalHours: 0, compliant: false });
  });
});

describe('rules §3 R2 public themes', () => {
  const pub = (date: string, theme?: string): Activity => ({
    kind: 'training',
    date,
    category: 'public',
    days: 1,
    ...(theme === undefined ? {} : { theme }),
  });

  it('a 2023 public item naming one of the four themes is fine', () => {
    const y = run([pub('2023-06-01', '数字化建设与发展')]).years[0]!;
    expect(y.warnings.filter((w) => w.code === 'public_theme_missing')).toEqual([]);
  });

  it('a 2023 public item without a theme is flagged (soft: it still counts)', () => {
    const y = run([pub('2023-06-01')]).years[0]!;
    expect(y.publicHours).toBe(10);
    expect(y.warnings).toContainEqual({ code: 'public_theme_missing', message: expect.stringContaining('#0') });
  });

  it("a theme that is not one of the year's is flagged", () => {
    const y = run([pub('2023-06-01', '乡村振兴')]).years[0]!;
    expect(y.warnings).toContainEqual({ code: 'public_theme_missing', message: expect.stringContaining('不在') });
  });

  it('a year without configured themes does not check', () => {
    const y = run([pub('2022-06-01')]).years[0]!;
    expect(y.warnings.filter((w) => w.code === 'public_theme_missing')).toEqual([]);
  });

  it('professional items need no theme', () => {
    const y = run([{ kind: 'training', date: '2023-06-01', category: 'professional', days: 9 }]).years[0]!;
    expect(y.warnings).toEqual([]);
  });
});

describe('rules §3 year attribution', () => {
  it('an activity counts in the year of its date', () => {
    const result = run([
      { kind: 'training', date: '2021-12-31', category: pro, days: 1 },
      { kind: 'training', date: '2022-01-01', category: pro, days: 2 },
    ]);
    expect(result.years.map((y) => [y.year, y.totalHours])).toEqual([
      [2021, 10],
      [2022, 20],
    ]);
  });
});

describe('citations follow the notice: one 附件, whose part 二 holds the conversion rules', () => {
  const texts = [...Object.values(RULE_LABELS), ...Object.values(REJECTION_LABELS)];
  it('no text cites a second attachment (附件二)', () => {
    for (const text of texts) expect(text).not.toContain('附件二');
  });
  it.each([
    ['C1', 1],
    ['C2', 2],
    ['C3a', 3],
    ['C3b', 3],
    ['C4', 4],
    ['C5', 5],
    ['C6', 6],
    ['C7', 7],
    ['C8', 8],
    ['C9', 9],
  ] as const)('%s cites 附件第二部分第%i条', (rule, item) => {
    expect(RULE_LABELS[rule].startsWith(`附件第二部分第${item}条：`)).toBe(true);
  });
});
