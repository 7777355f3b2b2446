import { describe, expect, it } from 'vitest';
import { certificateConclusion, yearShortfalls, yearVerdict, type CheckedYear } from '../../shared/certification-check.js';
import { DEFAULT_POLICY, resolveYearPolicy } from '../../shared/policy.js';
import { nextState, type ApplicationRoute } from '../../shared/workflow.js';

const year = (y: number, publicHours: number, professionalHours: number, extra: Partial<CheckedYear> = {}): CheckedYear => ({
  year: y,
  publicHours,
  professionalHours,
  totalHours: publicHours + professionalHours,
  compliant: publicHours + professionalHours >= 90,
  deemedComplete: false,
  evidenceComplete: true,
  ...extra,
});

describe("shortfalls named from the year's policy", () => {
  it.each([
    [2023, 0, 0, ['全年不足90学时（无学时记录）', '专业科目一般不少于60学时（0学时，一般要求）']],
    [2023, 30, 30, ['全年不足90学时（合计60学时，差30学时）', '专业科目一般不少于60学时（30学时，一般要求）']],
    [2023, 40, 50, ['专业科目一般不少于60学时（50学时，一般要求）']],
    [2025, 20, 70, ['公需科目不足30学时（20学时）']],
    [2025, 30, 60, []],
  ])('%i: %i public + %i professional → %j', (y, pub, pro, messages) => {
    expect(yearShortfalls(year(y, pub, pro), resolveYearPolicy(DEFAULT_POLICY, y)).map((s) => s.message)).toEqual(messages);
  });

  it('finds nothing short in a year deemed complete (C7)', () => {
    expect(yearShortfalls(year(2025, 0, 0, { deemedComplete: true }), resolveYearPolicy(DEFAULT_POLICY, 2025))).toEqual([]);
  });
});

describe('the certificate conclusion', () => {
  it('uses the usual formula only when every year met its requirements with its evidence', () => {
    const years = [year(2024, 30, 60), year(2025, 30, 60)];
    expect(certificateConclusion(years, { kind: 'senior', withReasons: false }).text).toBe(
      '经审核，该同志上述年度继续教育学时均达到规定要求，情况属实，予以认定。',
    );
    expect(certificateConclusion(years, { kind: 'mid_level', withReasons: false }).text).toContain('继续教育合格，特此证明');
  });

  it('names the short years and their shortfalls, and never says 予以认定 over them', () => {
    const years = [
      year(2024, 30, 60),
      year(2025, 20, 70, {
        compliant: false,
        shortfalls: [{ code: 'public_hours_short', hard: true, message: '公需科目不足30学时（20学时）' }],
      }),
      year(2023, 40, 60, { evidenceComplete: false }),
    ];
    const { allMet, text } = certificateConclusion(years, { kind: 'senior', withReasons: true });
    expect(allMet).toBe(false);
    expect(text).toContain('2025年度未达到规定要求（2025年公需科目不足30学时（20学时））');
    expect(text).toContain('2023年度学时达到要求但佐证材料不齐全');
    expect(text).toContain('经审核人员书面说明理由后继续办理');
    expect(text).not.toContain('予以认定');
    expect(yearVerdict(years[1]!)).toEqual({ ok: false, label: '未达标', shortfalls: ['公需科目不足30学时（20学时）'] });
  });
});

describe('the state machine with flagged years', () => {
  const route: ApplicationRoute = { department: true, departmentId: 'd', filingWindow: null };
  it.each([
    ['submitted', 'unit_approve', 'unit_reviewer'],
    ['unit_approved', 'publish', 'unit_reviewer'],
    ['notice_passed', 'dept_approve', 'dept_reviewer'],
    ['dept_approved', 'file', 'hr_officer'],
    ['filed', 'issue', 'hr_officer'],
  ] as const)('%s → %s needs a reason, and passes with one', (from, action, role) => {
    expect(nextState(from, action, role, { route, flagged: true })).toMatchObject({ ok: false, code: 'exception_reason_required' });
    expect(nextState(from, action, role, { route, flagged: true, reason: '  ' })).toMatchObject({
      ok: false,
      code: 'exception_reason_required',
    });
    expect(nextState(from, action, role, { route, flagged: true, reason: '如实报送' }).ok).toBe(true);
    expect(nextState(from, action, role, { route, flagged: false }).ok).toBe(true);
  });

  it('asks nothing more of the clerk submitting, or of a return', () => {
    expect(nextState('draft', 'submit', 'unit_clerk', { route, flagged: true }).ok).toBe(true);
    expect(nextState('submitted', 'unit_return', 'unit_reviewer', { route, flagged: true, reason: '补材料' }).ok).toBe(true);
  });
});
