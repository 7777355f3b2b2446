import type { ActivityKind, Category, RejectionCode, YearWarningCode } from './schemas';

/**
 * zh-CN labels and the explanation strings of the engine. Notes show the arithmetic so a reviewer can
 * check a figure by eye; they are built with plain concatenation because the engine builds one per
 * item (see bench/engine.ts).
 */

export const KIND_LABELS: Record<ActivityKind, string> = {
  training: '培训',
  practice: '实践活动',
  academic_event: '学术活动',
  overseas_exchange: '海外交流',
  online_course: '网络课程',
  research_project: '课题研究与项目开发',
  book: '著作（译作、教材）',
  paper: '论文',
  patent: '专利',
  award: '科技（社科）奖项',
  computer_exam: '计算机应用能力考试',
  aid_assignment: '省级以上特定工作任务（“三援”等）',
  degree_course: '学历（学位）教育',
  qualification_exam: '职业资格考试',
};

export const CATEGORY_LABELS: Record<Category, string> = { public: '公需科目', professional: '专业科目' };

export const RULE_LABELS = {
  C1: '附件第二部分第1条：培训、会议等每天10学时，半天4学时，晚上2学时',
  ONLINE: '网络课程按课程时长（学时）计',
  C2: '附件第二部分第2条：政府或行业组织课题，主持90学时，参与60学时',
  C3a: '附件第二部分第3条：著作（译作）或教材，独立或第一作者90学时，其他作者60学时',
  C3b: '附件第二部分第3条：国内统一刊号刊物论文，独立或第一作者每篇30学时，其他作者10学时',
  C4: '附件第二部分第4条：专利，独立或第一完成人每项90学时，其他完成人60学时',
  C5: '附件第二部分第5条：省部级及以上奖项90学时；地厅级奖项前五名60学时，其他30学时',
  C6: '附件第二部分第6条：计算机应用能力考试每个合格模块20学时',
  C7: '附件第二部分第7条：省级以上特定工作任务满6个月且考核合格，视为完成当年90学时；超过1年，视为完成外派期间各年度',
  C8: '附件第二部分第8条：学历（学位）教育当年通过一门课程或考核，90学时',
  C9: '附件第二部分第9条：职业资格考试当年通过一门考试课程，90学时',
  CERT: '通知四(二)：以前年度已开具的学时认定单',
} as const;

export const REJECTION_LABELS: Record<RejectionCode, string> = {
  no_hours: '折算为0学时，不计入（学时须至少0.1且最多一位小数）',
  sponsor_not_eligible: '非政府或行业组织课题，不折算学时（附件第二部分第2条）',
  paper_not_domestic_cn: '非国内统一刊号（CN）刊物论文，不折算学时（附件第二部分第3条）',
  award_level_not_eligible: '地厅级以下奖项不折算学时（附件第二部分第5条）',
  aid_not_provincial: '非省级以上特定工作任务，不折算学时（附件第二部分第7条）',
  assessment_failed: '考核不合格，不折算学时（附件第二部分第7条）',
  aid_too_short: '外派不满6个月，不折算学时（附件第二部分第7条）',
  c7_year_already_deemed: '外派期间各年度已由其他特定工作任务视为完成，不重复计算',
  c8_year_cap_reached: '学历（学位）教育每年至多折算90学时（附件第二部分第8条）',
  c9_year_cap_reached: '职业资格考试每年至多折算90学时（附件第二部分第9条）',
  probable_duplicate: '疑似重复记录，暂不计入，待审核人员确认',
  covered_by_certificate: '该年度已由学时认定单认定，不再计入',
  outside_span: '不在核认跨度内',
};

export const WARNING_LABELS: Record<YearWarningCode, string> = {
  required_hours_short: '合计学时不足',
  public_hours_short: '公需科目学时不足',
  professional_share_short: '专业科目学时不足',
  public_theme_missing: '公需科目未注明年度主题',
  probable_duplicate: '疑似重复记录',
  prior_certificate_unverified: '学时认定单未核验，不计入',
};

/** 38 → "38", 125 → "12.5": tenths as the hours a person reads. */
export function formatTenths(tenths: number): string {
  return String(tenths / 10);
}

const C1_VERBS: Record<string, string> = {
  training: '培训',
  practice: '实践',
  academic_event: '学术活动',
  overseas_exchange: '海外交流',
};

/** 「培训3天、半天1次、晚上2次：3×10+1×4+2×2=38学时」 — only the units present are shown. */
export function noteC1(kind: string, days: number, halfDays: number, evenings: number, tenths: number): string {
  let what = '';
  let sum = '';
  if (days > 0) {
    what = days + '天';
    sum = days + '×10';
  }
  if (halfDays > 0) {
    what += (what ? '、' : '') + '半天' + halfDays + '次';
    sum += (sum ? '+' : '') + halfDays + '×4';
  }
  if (evenings > 0) {
    what += (what ? '、' : '') + '晚上' + evenings + '次';
    sum += (sum ? '+' : '') + evenings + '×2';
  }
  return C1_VERBS[kind] + what + '：' + sum + '=' + formatTenths(tenths) + '学时';
}

export function noteOnline(tenths: number): string {
  const h = formatTenths(tenths);
  return '网络课程时长' + h + '学时：计' + h + '学时';
}

export function noteSimple(subject: string, tenths: number): string {
  return subject + '：' + formatTenths(tenths) + '学时';
}

export function noteComputerExam(modules: number, tenths: number): string {
  return '计算机应用能力考试合格' + modules + '个模块：' + modules + '×20=' + formatTenths(tenths) + '学时';
}

/** 「外派2021-01-01至2021-06-30（满6个月），考核合格：视为完成2021年度90学时」. */
export function noteAid(startDate: string, endDate: string, year: number, allYears: boolean, tenths: number): string {
  return (
    '外派' +
    startDate +
    '至' +
    endDate +
    (allYears ? '（超过1年）' : '（满6个月）') +
    '，考核合格：视为完成' +
    year +
    '年度' +
    formatTenths(tenths) +
    '学时'
  );
}

export function noteYearCap(subject: string, passed: number, unit: string, tenths: number): string {
  return subject + '当年通过' + passed + unit + '：' + formatTenths(tenths) + '学时（每年至多90学时）';
}

export function noteCertificate(number: string, year: number, category: Category, tenths: number): string {
  return '学时认定单' + number + '：' + year + '年度' + CATEGORY_LABELS[category] + formatTenths(tenths) + '学时';
}
