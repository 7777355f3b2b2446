import { describe, expect, it } from 'vitest';
import { explainLegacyYears, historyForEngine, legacyItemId, type LegacyYear } from '../../shared/history.js';
import { computeHours } from '../../shared/hours/index.js';
import { DEFAULT_POLICY } from '../../shared/policy.js';

const paper = (year: number, publicHours: number, professionalHours: number): LegacyYear => ({
  year,
  publicHours,
  professionalHours,
  content: '岗位培训',
  confirmingUnit: '长沙市中心医院',
});

describe('legacy years in the engine', () => {
  it('a real certificate wins over the paper record of the same year', () => {
    const certificate = { number: 'HN-1', years: [{ year: 2019, publicHours: 30, professionalHours: 60 }] };
    const given = historyForEngine([certificate], [paper(2019, 10, 10), paper(2020, 30, 64)]);
    expect(given).toEqual([certificate, { number: legacyItemId(2020), years: [{ year: 2020, publicHours: 30, professionalHours: 64 }] }]);
  });

  it('explains paper years and the activities they cover in zh-CN', () => {
    const legacy = [paper(2020, 30, 64)];
    const preview = explainLegacyYears(
      computeHours({
        activities: [
          { id: 'a1', kind: 'training', date: '2020-05-01', category: 'professional', days: 1 },
          {
            id: 'a2',
            kind: 'aid_assignment',
            startDate: '2019-01-01',
            endDate: '2020-12-31',
            assessmentPassed: true,
            provincialOrAbove: true,
          },
        ],
        priorCertificates: historyForEngine([{ number: 'HN-9', years: [{ year: 2019, publicHours: 30, professionalHours: 60 }] }], legacy),
        policy: DEFAULT_POLICY,
      }),
      legacy,
    );
    const y2020 = preview.years.find((y) => y.year === 2020)!;
    expect(y2020).toMatchObject({ publicHours: 30, professionalHours: 64, totalHours: 94 });
    expect(y2020.items.map((i) => i.note)).toEqual([
      '2020年度纸质登记手册（确认单位：长沙市中心医院）：公需科目30学时；学习内容：岗位培训',
      '2020年度纸质登记手册（确认单位：长沙市中心医院）：专业科目64学时；学习内容：岗位培训',
    ]);
    expect(Object.fromEntries(preview.rejected.map((r) => [r.activityId, r.message]))).toEqual({
      a1: '该年度学时以纸质登记手册（历史导入）为准，不再计入（2020年度纸质登记手册）',
      a2: '该年度已由学时认定单或纸质登记手册认定，不再计入（HN-9、2020年度纸质登记手册）',
    });
  });
});
