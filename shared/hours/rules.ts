import { addDays, addMonths, yearOf } from '../iso-date';
import type { ResolvedYearPolicy } from '../policy';
import { KIND_LABELS, noteC1, noteComputerExam, noteOnline, noteSimple, noteYearCap } from './notes';
import type { AidAssignment, Category, DatedActivity, RejectionCode, Rule } from './schemas';

/**
 * The conversion table of rules §3 (附件“学时（分）折算细则”), one activity at a time, in tenths of an
 * hour. Year-level interplay (caps, duplicates, deemed years, span) is the engine's job.
 */

/** 附件第二部分第1条：每天10学时，半天4学时，晚上2学时. */
export const TENTHS_PER_DAY = 100;
export const TENTHS_PER_HALF_DAY = 40;
export const TENTHS_PER_EVENING = 20;
/** 附件第二部分第6条：每个模块20学时. */
export const TENTHS_PER_MODULE = 200;
/** 附件第二部分第7—9条：90学时 (C7 deemed year, C8 and C9 yearly credit). */
export const TENTHS_DEEMED_YEAR = 900;
export const TENTHS_YEAR_CAP = 900;

export interface DatedEvaluation {
  rule: Rule;
  category: Category;
  /** 0 when `rejection` is set. */
  tenths: number;
  rejection: RejectionCode | null;
}

const reject = (rule: Rule, code: RejectionCode): DatedEvaluation => ({
  rule,
  category: 'professional',
  tenths: 0,
  rejection: code,
});

/** Credit of one dated activity (everything but C7), before year-level rules. */
export function evaluateDated(a: DatedActivity): DatedEvaluation {
  switch (a.kind) {
    case 'training':
    case 'practice':
    case 'academic_event':
    case 'overseas_exchange':
      return {
        rule: 'C1',
        category: a.category,
        tenths: (a.days ?? 0) * TENTHS_PER_DAY + (a.halfDays ?? 0) * TENTHS_PER_HALF_DAY + (a.evenings ?? 0) * TENTHS_PER_EVENING,
        rejection: null,
      };
    case 'online_course': {
      // Parsed input has whole tenths ≥ 1; a record stored before the exact check may round to 0, and an
      // item that earns nothing is a rejection with its reason, never an ordinary item (rules §3).
      const tenths = Math.round(a.hours * 10);
      if (!(tenths > 0)) return { rule: 'ONLINE', category: a.category, tenths: 0, rejection: 'no_hours' };
      return { rule: 'ONLINE', category: a.category, tenths, rejection: null };
    }
    case 'research_project':
      // 附件第二部分第2条："参加政府或行业组织课题研究与项目开发" — other sponsors are not in the rule.
      if (a.sponsor === 'other') return reject('C2', 'sponsor_not_eligible');
      return { rule: 'C2', category: 'professional', tenths: a.role === 'host' ? 900 : 600, rejection: null };
    case 'book':
      return { rule: 'C3a', category: 'professional', tenths: a.authorRole === 'sole_or_first' ? 900 : 600, rejection: null };
    case 'paper':
      // 附件第二部分第3条："在国内统一刊号刊物发表论文".
      if (!a.domesticCN) return reject('C3b', 'paper_not_domestic_cn');
      return { rule: 'C3b', category: 'professional', tenths: a.authorRole === 'sole_or_first' ? 300 : 100, rejection: null };
    case 'patent':
      return { rule: 'C4', category: 'professional', tenths: a.inventorRole === 'sole_or_first' ? 900 : 600, rejection: null };
    case 'award':
      // 附件第二部分第5条: 省部级及以上 90; 地厅级 前五名 60, 其他完成人 30; nothing below 地厅级.
      if (a.level === 'provincial_or_above') return { rule: 'C5', category: 'professional', tenths: 900, rejection: null };
      if (a.level === 'prefectural') return { rule: 'C5', category: 'professional', tenths: a.rank <= 5 ? 600 : 300, rejection: null };
      return reject('C5', 'award_level_not_eligible');
    case 'computer_exam':
      return { rule: 'C6', category: 'professional', tenths: a.modules * TENTHS_PER_MODULE, rejection: null };
    case 'degree_course':
      return { rule: 'C8', category: 'professional', tenths: TENTHS_YEAR_CAP, rejection: null };
    case 'qualification_exam':
      return { rule: 'C9', category: 'professional', tenths: TENTHS_YEAR_CAP, rejection: null };
  }
}

const ROLE_LABEL = { sole_or_first: '独立或第一作者', other: '其他作者' } as const;
const INVENTOR_LABEL = { sole_or_first: '独立或第一完成人', other: '其他完成人' } as const;
const PATENT_LABEL = { invention: '发明专利', utility_model: '实用新型专利', design: '外观设计专利' } as const;
const SPONSOR_LABEL = { government: '政府', industry_org: '行业组织', other: '其他来源' } as const;

/**
 * Notes of the common C1 and ONLINE records repeat endlessly (3天, 12.5学时 …), so they are memoised;
 * the caches are invisible to callers (same input, same string) and bounded. Building every note
 * afresh was a fifth of the engine's time in bench/engine.ts.
 */
const C1_INDEX = { training: 0, practice: 1, academic_event: 2, overseas_exchange: 3 } as const;
const C1_NOTE_CACHE: (string | undefined)[] = new Array(4 * 32 * 32 * 32);
const ONLINE_NOTE_CACHE = new Map<number, string>();
const ONLINE_NOTE_CACHE_LIMIT = 10_000;

/** The zh-CN note of a credited dated activity, showing the arithmetic. */
export function noteForDated(a: DatedActivity, tenths: number): string {
  switch (a.kind) {
    case 'training':
    case 'practice':
    case 'academic_event':
    case 'overseas_exchange': {
      const days = a.days ?? 0;
      const halfDays = a.halfDays ?? 0;
      const evenings = a.evenings ?? 0;
      if (days >= 32 || halfDays >= 32 || evenings >= 32) return noteC1(a.kind, days, halfDays, evenings, tenths);
      const key = ((C1_INDEX[a.kind] * 32 + days) * 32 + halfDays) * 32 + evenings;
      return (C1_NOTE_CACHE[key] ??= noteC1(a.kind, days, halfDays, evenings, tenths));
    }
    case 'online_course': {
      let note = ONLINE_NOTE_CACHE.get(tenths);
      if (note === undefined) {
        if (ONLINE_NOTE_CACHE.size >= ONLINE_NOTE_CACHE_LIMIT) ONLINE_NOTE_CACHE.clear();
        note = noteOnline(tenths);
        ONLINE_NOTE_CACHE.set(tenths, note);
      }
      return note;
    }
    case 'research_project':
      return noteSimple(SPONSOR_LABEL[a.sponsor] + '课题' + (a.role === 'host' ? '主持' : '参与'), tenths);
    case 'book':
      return noteSimple('著作（译作、教材）' + ROLE_LABEL[a.authorRole], tenths);
    case 'paper':
      return noteSimple('国内统一刊号论文' + ROLE_LABEL[a.authorRole], tenths);
    case 'patent':
      return noteSimple(PATENT_LABEL[a.patentType] + INVENTOR_LABEL[a.inventorRole], tenths);
    case 'award':
      return noteSimple(
        a.level === 'provincial_or_above'
          ? '省部级及以上奖项'
          : '地厅级奖项第' + a.rank + '名完成人' + (a.rank <= 5 ? '（前五名）' : '（第六名及以后）'),
        tenths,
      );
    case 'computer_exam':
      return noteComputerExam(a.modules, tenths);
    case 'degree_course':
      return noteYearCap(KIND_LABELS.degree_course, a.coursesPassed, '门课程或考核', tenths);
    case 'qualification_exam':
      return noteYearCap(KIND_LABELS.qualification_exam, a.subjectsPassed, '门考试课程', tenths);
  }
}

export type AidEvaluation =
  { rejection: null; years: number[]; allYears: boolean } | { rejection: RejectionCode; years: [number]; allYears: false };

/**
 * rules §3 C7 (附件第二部分第7条): assessment passed, provincial-or-above, and at least 6 calendar months
 * (`endDate ≥ startDate + 6 months − 1 day`, so 1 Jan–30 Jun counts) deems the end year complete;
 * more than a year (`endDate ≥ startDate + 12 months`) deems every overlapped calendar year. The
 * thresholds come from the policy of the year the assignment ends.
 */
export function evaluateAid(a: AidAssignment, policy: ResolvedYearPolicy): AidEvaluation {
  const endYear = yearOf(a.endDate);
  if (!a.provincialOrAbove) return { rejection: 'aid_not_provincial', years: [endYear], allYears: false };
  if (!a.assessmentPassed) return { rejection: 'assessment_failed', years: [endYear], allYears: false };
  if (a.endDate < addDays(addMonths(a.startDate, policy.aidMonthsForYear), -1))
    return { rejection: 'aid_too_short', years: [endYear], allYears: false };
  if (a.endDate >= addMonths(a.startDate, policy.aidMonthsForAllYears)) {
    const years: number[] = [];
    for (let y = yearOf(a.startDate); y <= endYear; y++) years.push(y);
    return { rejection: null, years, allYears: true };
  }
  return { rejection: null, years: [endYear], allYears: false };
}
