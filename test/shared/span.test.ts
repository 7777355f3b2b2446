import { describe, expect, it } from 'vitest';
import { computeCertificationSpan, formatYears, midLevelSpan } from '../../shared/span';

describe('certification span (通知三, 通知四(二))', () => {
  it('applying in Y covers Y−5 … Y−1 (2023 → 2018–2022)', () => {
    expect(computeCertificationSpan({ applicationYear: 2023 })).toEqual({
      span: { from: 2018, to: 2022 },
      doctorRuleApplied: false,
      coveredYears: [],
      yearsNeedingRecords: [2018, 2019, 2020, 2021, 2022],
      note: '2023年申报，核认跨度2018—2022年',
    });
  });

  it.each([
    {
      name: 'policy on, 副高, doctorate 2020 → from 2020',
      flag: true,
      level: 'associate_senior',
      doctorate: 2020,
      from: 2020,
      applied: true,
    },
    { name: 'policy off → unchanged', flag: false, level: 'associate_senior', doctorate: 2020, from: 2018, applied: false },
    { name: '正高 → unchanged', flag: true, level: 'senior', doctorate: 2020, from: 2018, applied: false },
    { name: 'doctorate before Y−5 → unchanged', flag: true, level: 'associate_senior', doctorate: 2015, from: 2018, applied: false },
    { name: 'doctorate in Y−1 → that year only', flag: true, level: 'associate_senior', doctorate: 2022, from: 2022, applied: true },
  ] as const)('doctor rule: $name', ({ flag, level, doctorate, from, applied }) => {
    const result = computeCertificationSpan({
      applicationYear: 2023,
      doctorSpanFromDoctorate: flag,
      titleLevel: level,
      doctorateYear: doctorate,
    });
    expect(result.span).toEqual({ from, to: 2022 });
    expect(result.doctorRuleApplied).toBe(applied);
  });

  it('a doctorate awarded in the application year leaves no years to verify', () => {
    const result = computeCertificationSpan({
      applicationYear: 2023,
      doctorSpanFromDoctorate: true,
      titleLevel: 'associate_senior',
      doctorateYear: 2023,
    });
    expect(result).toMatchObject({ span: null, yearsNeedingRecords: [] });
  });

  it('a 2017–2021 certificate plus 2022 records serves a 2023 application', () => {
    const result = computeCertificationSpan({
      applicationYear: 2023,
      priorCertificates: [{ number: 'HN-430000-2022-000123', years: [2017, 2018, 2019, 2020, 2021].map((year) => ({ year })) }],
    });
    expect(result.coveredYears.map((c) => c.year)).toEqual([2018, 2019, 2020, 2021]);
    expect(result.yearsNeedingRecords).toEqual([2022]);
    expect(result.note).toBe('2023年申报，核认跨度2018—2022年；2018—2021年已由学时认定单HN-430000-2022-000123认定，只需提供2022年的材料');
  });

  it('a year on two certificates is credited to the same one every time', () => {
    const a = { number: 'B-2', years: [{ year: 2020 }] };
    const b = { number: 'A-1', years: [{ year: 2020 }] };
    expect(computeCertificationSpan({ applicationYear: 2023, priorCertificates: [a, b] }).coveredYears).toEqual([
      { year: 2020, certificateNumber: 'A-1' },
    ]);
  });

  it.each([
    [[2018, 2019, 2022], '2018—2019、2022年'],
    [[2022], '2022年'],
    [[2021, 2020], '2020—2021年'],
  ])('formatYears(%j) → %s', (years, text) => {
    expect(formatYears(years)).toBe(text);
  });
});

describe('mid-level span (rules §3 "mid-level titles")', () => {
  const policy = { spanYears: 4, masterSpanYears: 3 };
  it.each([
    ['bachelor', 'bachelor', 2021],
    ['master', 'master', 2022],
    ["doctorate (never longer than a master's)", 'doctorate', 2022],
    ['education not recorded', undefined, 2021],
  ] as const)('applying in 2025, %s → from %s', (_name, education, from) => {
    const result = computeCertificationSpan({ applicationYear: 2025, titleLevel: 'intermediate', ...midLevelSpan(policy, education) });
    expect(result.span).toEqual({ from, to: 2024 });
    expect(result.note).toContain(`核认跨度${from}—2024年`);
  });

  it('follows the tenant values, and a mid-level application never takes the doctor rule', () => {
    const result = computeCertificationSpan({
      applicationYear: 2025,
      titleLevel: 'intermediate',
      doctorateYear: 2023,
      doctorSpanFromDoctorate: true,
      ...midLevelSpan({ spanYears: 5, masterSpanYears: 2 }, 'doctorate'),
    });
    expect(result).toMatchObject({ span: { from: 2023, to: 2024 }, doctorRuleApplied: false });
  });
});
