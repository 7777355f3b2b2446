import { describe, expect, it } from 'vitest';
import { computeHours, type Activity } from '../../shared/hours/index';
import { DEFAULT_POLICY, policyFromRecords, resolveYearPolicy } from '../../shared/policy';

/**
 * Each year's provincial notice as policy data (issue 18, rules §3 "each year's notice"): 2023 has no
 * public minimum and a soft professional one; 2025 makes public ≥ 30 and professional ≥ 60 hard; a year
 * whose notice is not known carries the last known year's thresholds, marked assumed.
 */
const year = (y: number, publicHours: number, professionalHours: number): Activity[] => [
  {
    kind: 'online_course',
    date: `${y}-04-01`,
    category: 'public',
    hours: publicHours,
    ...(y === 2023 ? { theme: '数字化建设与发展' } : {}),
  },
  { kind: 'online_course', date: `${y}-05-01`, category: 'professional', hours: professionalHours },
];
const result = (activities: Activity[], policy = DEFAULT_POLICY) => computeHours({ activities, policy }).years[0]!;
const codes = (r: { warnings: { code: string }[] }) => r.warnings.map((w) => w.code);

describe("each year's notice decides the year", () => {
  it('2025: 20 public + 70 professional is not compliant, and the warning names the rule', () => {
    const r = result(year(2025, 20, 70));
    expect(r).toMatchObject({ totalHours: 90, compliant: false, basis: { document: '湘人社办函〔2025〕37号', assumed: false } });
    expect(r.warnings).toEqual([
      { code: 'public_hours_short', message: '公需科目不足30学时：本年度公需科目20学时（湘人社办函〔2025〕37号：公需科目不少于30学时）' },
    ]);
  });

  it('2023: the same hours are compliant (no public minimum then)', () => {
    const r = result(year(2023, 20, 70));
    expect(r).toMatchObject({ compliant: true, basis: { document: '湘人社办函〔2023〕23号', assumed: false } });
    expect(r.warnings).toEqual([]);
  });

  it('2025: a professional shortfall is hard, with nothing to accept in writing', () => {
    const r = result(year(2025, 40, 50));
    expect(r.compliant).toBe(false);
    expect(r.warnings).toEqual([
      {
        code: 'professional_share_short',
        message: '专业科目不足60学时：本年度专业科目50学时（湘人社办函〔2025〕37号：专业科目不少于60学时）',
      },
    ]);
  });

  it('2023: a professional shortfall stays soft ("一般") and may be accepted in writing', () => {
    const r = result(year(2023, 40, 50));
    expect(r.compliant).toBe(true);
    expect(r.warnings[0]!.message).toContain('审核人员可书面说明理由后认可');
  });

  it('a year whose notice is unknown carries the last known thresholds, marked assumed, but never its themes', () => {
    expect(result(year(2024, 20, 70))).toMatchObject({
      compliant: true,
      basis: { document: '沿用2023年度规定（湘人社办函〔2023〕23号）', assumed: true },
    });
    const y2026 = result(year(2026, 20, 70));
    expect(y2026).toMatchObject({ compliant: false, basis: { document: '沿用2025年度规定（湘人社办函〔2025〕37号）', assumed: true } });
    expect(codes(y2026)).toEqual(['public_hours_short']);
    expect(resolveYearPolicy(DEFAULT_POLICY, 2024).publicThemes).toEqual([]);
    expect(resolveYearPolicy(DEFAULT_POLICY, 2020)).toMatchObject({ assumed: false, minPublicHours: null });
  });

  it('what the hr office keeps for a year replaces the built-in values, and later years carry it', () => {
    const policy = policyFromRecords('430200', [
      { year: 2025, settings: { minPublicHours: null }, source: '株人社发〔2025〕测试号' },
      { year: 2026, settings: { publicThemes: ['测试主题'] }, source: '湘人社办函〔2026〕测试号' },
    ]);
    expect(result(year(2025, 20, 70), policy)).toMatchObject({
      compliant: true,
      basis: { document: '株人社发〔2025〕测试号', assumed: false },
    });
    const y2026 = resolveYearPolicy(policy, 2026);
    expect(y2026).toMatchObject({
      minPublicHours: null,
      minProfessionalHours: { hours: 60, hard: true },
      assumed: false,
      publicThemes: ['测试主题'],
    });
  });
});
