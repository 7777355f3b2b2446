import type { ActivityKind } from '../../../../shared/hours/schemas.js';
import { ActivityKindSchema, C1_KINDS } from '../../../../shared/hours/schemas.js';
import { KIND_LABELS } from '../../../../shared/hours/notes.js';

/**
 * zh-CN wording of the activity form's fields and choices, shared by the calculator and the records
 * screens. The kind, category, rule, rejection and warning labels come from shared/hours/notes.ts (the
 * engine's own words); these are the form-only ones.
 */

/** Words people search the kind list with, beyond the label itself. */
const KIND_KEYWORDS: Partial<Record<ActivityKind, string>> = {
  training: '进修 研修 面授 线下',
  practice: '挂职 实践 锻炼',
  academic_event: '会议 研讨 讲座 论坛',
  overseas_exchange: '出国 境外 访学',
  online_course: '线上 网课 远程',
  research_project: '课题 项目 科研',
  book: '专著 教材 译作 出版',
  paper: '期刊 发表',
  award: '获奖 科技奖 社科奖',
  computer_exam: '计算机 模块',
  aid_assignment: '外派 援疆 援藏 援外 援非 东西部扶贫协作 防控一线 疫情',
  degree_course: '学历 学位 在职 研究生',
  qualification_exam: '执业 资格证',
};

export const KIND_OPTIONS = ActivityKindSchema.options.map((kind) => ({
  value: kind,
  label: KIND_LABELS[kind],
  keywords: `${KIND_LABELS[kind]} ${KIND_KEYWORDS[kind] ?? ''}`,
}));

export function isC1Kind(kind: ActivityKind): kind is (typeof C1_KINDS)[number] {
  return (C1_KINDS as readonly string[]).includes(kind);
}

/** The date an activity counts in (rules §3 "Year attribution"), named as the person knows it. */
export const DATE_LABELS: Record<Exclude<ActivityKind, 'aid_assignment'>, string> = {
  training: '结束日期',
  practice: '结束日期',
  academic_event: '结束日期',
  overseas_exchange: '结束日期',
  online_course: '完成日期',
  research_project: '结题日期',
  book: '出版日期',
  paper: '发表日期',
  patent: '授权日期',
  award: '获奖日期',
  computer_exam: '合格日期',
  degree_course: '通过日期',
  qualification_exam: '通过日期',
};

export const FIELD_LABELS: Record<string, string> = {
  kind: '活动类型',
  id: '编号',
  title: '名称',
  provider: '机构或刊物',
  category: '科目类别',
  theme: '公需科目主题',
  days: '全天天数',
  halfDays: '半天次数',
  evenings: '晚上次数',
  hours: '课程学时',
  sponsor: '课题来源',
  role: '本人角色',
  authorRole: '作者排名',
  domesticCN: '刊物类型',
  patentType: '专利类型',
  inventorRole: '完成人排名',
  level: '奖项级别',
  rank: '获奖排名',
  modules: '合格模块数',
  startDate: '外派开始日期',
  endDate: '外派结束日期',
  assessmentPassed: '考核结果',
  provincialOrAbove: '任务级别',
  coursesPassed: '通过课程（考核）数',
  subjectsPassed: '通过科目数',
};

/** A field's label for this kind (the date is named per kind). */
export function fieldLabel(field: string, kind?: ActivityKind): string {
  if (field === 'date' && kind && kind !== 'aid_assignment') return DATE_LABELS[kind];
  if (field === 'date') return '日期';
  return FIELD_LABELS[field] ?? field;
}

export const SPONSOR_LABELS = { government: '政府部门', industry_org: '行业组织', other: '其他来源' } as const;
export const PROJECT_ROLE_LABELS = { host: '主持', participant: '参与' } as const;
export const AUTHOR_ROLE_LABELS = { sole_or_first: '独立或第一作者', other: '其他作者' } as const;
export const INVENTOR_ROLE_LABELS = { sole_or_first: '独立或第一完成人', other: '其他完成人' } as const;
export const PATENT_TYPE_LABELS = { invention: '发明专利', utility_model: '实用新型专利', design: '外观设计专利' } as const;
export const AWARD_LEVEL_LABELS = {
  provincial_or_above: '省部级及以上',
  prefectural: '地厅级',
  other: '地厅级以下',
} as const;
export const DOMESTIC_CN_LABELS = { yes: '国内统一刊号（CN）刊物', no: '其他刊物（无CN号）' } as const;
export const ASSESSMENT_LABELS = { yes: '考核合格', no: '考核不合格' } as const;
export const AID_LEVEL_LABELS = { yes: '省级以上特定工作任务', no: '省级以下任务' } as const;

/** `{value, label}` pairs for a Radio.Group or Select from a label map. */
export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}
