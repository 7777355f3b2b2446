import * as z from 'zod';
import { IsoDateSchema, YearSchema } from '../iso-date';
import { MAX_SPAN_YEARS, YearSpanSchema } from '../span';

/**
 * The activity and result shapes of rules §7 (`POST /v1/hours/preview`). These are the public
 * contract: the engine takes exactly `Activity` and returns exactly `PreviewResponse`.
 */

export const CategorySchema = z.enum(['public', 'professional']).meta({ description: '科目类别：public 公需科目，professional 专业科目' });
export type Category = z.infer<typeof CategorySchema>;

/** rules §3 C1: records counted in days / half days / evenings (evidence forms 1, 2, 4, 12). */
export const C1_KINDS = ['training', 'practice', 'academic_event', 'overseas_exchange'] as const;

export const ActivityKindSchema = z.enum([
  ...C1_KINDS,
  'online_course',
  'research_project',
  'book',
  'paper',
  'patent',
  'award',
  'computer_exam',
  'aid_assignment',
  'degree_course',
  'qualification_exam',
]);
export type ActivityKind = z.infer<typeof ActivityKindSchema>;

export const AuthorRoleSchema = z.enum(['sole_or_first', 'other']).meta({ description: '独立或第一作者/完成人，或其他' });

const ActivityIdSchema = z
  .string()
  .min(1, 'id 不能为空')
  .max(100, 'id 不能超过100个字符')
  .refine((id) => !id.startsWith('#'), 'id 不能以 # 开头（# 开头的编号留给未填 id 的活动）')
  .meta({ description: '调用方自定的活动标识；省略时结果中以 #序号（从0起）指代' });

/** Optional identity used to spot a probable duplicate (rules §3: same kind, provider/title and dates). */
const identityFields = {
  id: ActivityIdSchema.optional(),
  title: z.string().max(200, '名称不能超过200个字符').optional().meta({ description: '课程、项目、著作、论文等名称' }),
  provider: z.string().max(200, '机构名称不能超过200个字符').optional().meta({ description: '施教机构、主办方、刊物等' }),
};

const ThemeSchema = z.string().min(1, '主题不能为空').max(100, '主题不能超过100个字符').meta({
  description: '公需科目主题（该年度有主题时须注明其一）',
  example: '数字化建设与发展',
});

const count = (label: string, min: number, max: number) =>
  z.int(`${label}须为整数`).min(min, `${label}不能小于${min}`).max(max, `${label}不能大于${max}`);

/** 附件第二部分第1条：每天10学时，半天4学时，晚上2学时. */
export const C1ActivitySchema = z
  .strictObject({
    ...identityFields,
    kind: z.enum(C1_KINDS),
    date: IsoDateSchema.meta({ description: '结束日期（计入该日所在年度）' }),
    category: CategorySchema,
    theme: ThemeSchema.optional(),
    days: count('天数', 0, 1000).optional(),
    halfDays: count('半天次数', 0, 1000).optional(),
    evenings: count('晚上次数', 0, 1000).optional(),
  })
  .refine((a) => (a.days ?? 0) + (a.halfDays ?? 0) + (a.evenings ?? 0) > 0, {
    error: '天数（days）、半天次数（halfDays）、晚上次数（evenings）至少一项须大于0',
    path: ['days'],
    // Only once the fields themselves are valid: a negative day already has its own message.
    when: (payload) => payload.issues.length === 0,
  })
  .meta({
    description: '培训、实践、学术活动、海外交流（C1）',
    example: { kind: 'training', date: '2022-05-20', category: 'professional', days: 3, halfDays: 1, evenings: 2 },
  });
export type C1Activity = z.infer<typeof C1ActivitySchema>;

/**
 * Tenths must be exact (rules §3 Decision "Hours are kept in tenths"): at most one decimal, compared
 * exactly. `n / 10` is the double nearest the decimal `n/10` (IEEE division rounds correctly), which
 * is what JSON.parse makes of a one-decimal literal, so every `12.5` passes and `0.100000001` or
 * `1e-9` (which a tolerance let through, to earn 0.1 or 0 hours) does not.
 */
export function hasAtMostOneDecimal(value: number): boolean {
  const tenths = Math.round(value * 10);
  return Number.isSafeInteger(tenths) && tenths / 10 === value;
}

export const OnlineCourseSchema = z
  .strictObject({
    ...identityFields,
    kind: z.literal('online_course'),
    date: IsoDateSchema.meta({ description: '完成日期' }),
    category: CategorySchema,
    theme: ThemeSchema.optional(),
    hours: z
      .number('学时须为数字')
      .gt(0, '学时须大于0')
      .max(10000, '学时不能大于10000')
      .refine(hasAtMostOneDecimal, '学时最多保留一位小数')
      .meta({ description: '课程时长（学时），最多一位小数', example: 12.5 }),
  })
  .meta({ description: '网络课程（ONLINE）' });
export type OnlineCourse = z.infer<typeof OnlineCourseSchema>;

export const ResearchProjectSchema = z
  .strictObject({
    ...identityFields,
    kind: z.literal('research_project'),
    date: IsoDateSchema.meta({ description: '结题日期' }),
    sponsor: z.enum(['government', 'industry_org', 'other']).meta({ description: '课题来源：政府、行业组织或其他' }),
    role: z.enum(['host', 'participant']).meta({ description: '主持或参与' }),
  })
  .meta({ description: '课题研究与项目开发（C2）' });
export type ResearchProject = z.infer<typeof ResearchProjectSchema>;

export const BookSchema = z
  .strictObject({
    ...identityFields,
    kind: z.literal('book'),
    date: IsoDateSchema.meta({ description: '出版日期' }),
    authorRole: AuthorRoleSchema,
  })
  .meta({ description: '著作、译作或教材（C3a）' });
export type Book = z.infer<typeof BookSchema>;

export const PaperSchema = z
  .strictObject({
    ...identityFields,
    kind: z.literal('paper'),
    date: IsoDateSchema.meta({ description: '发表日期' }),
    authorRole: AuthorRoleSchema,
    domesticCN: z.boolean('domesticCN 须为布尔值').meta({ description: '是否国内统一刊号（CN）刊物' }),
  })
  .meta({ description: '论文（C3b）' });
export type Paper = z.infer<typeof PaperSchema>;

export const PatentSchema = z
  .strictObject({
    ...identityFields,
    kind: z.literal('patent'),
    date: IsoDateSchema.meta({ description: '授权日期' }),
    patentType: z.enum(['invention', 'utility_model', 'design']).meta({ description: '发明、实用新型或外观设计' }),
    inventorRole: AuthorRoleSchema,
  })
  .meta({ description: '专利（C4）' });
export type Patent = z.infer<typeof PatentSchema>;

export const AwardSchema = z
  .strictObject({
    ...identityFields,
    kind: z.literal('award'),
    date: IsoDateSchema.meta({ description: '获奖日期' }),
    level: z.enum(['provincial_or_above', 'prefectural', 'other']).meta({ description: '省部级及以上、地厅级或其他' }),
    rank: count('完成人排名', 1, 1000).meta({ description: '完成人排名（从1起）' }),
  })
  .meta({ description: '科技（社科）奖项（C5）' });
export type Award = z.infer<typeof AwardSchema>;

export const ComputerExamSchema = z
  .strictObject({
    ...identityFields,
    kind: z.literal('computer_exam'),
    date: IsoDateSchema.meta({ description: '考试合格日期' }),
    modules: count('合格模块数', 1, 100),
  })
  .meta({ description: '计算机应用能力考试（C6）' });
export type ComputerExam = z.infer<typeof ComputerExamSchema>;

/** The most calendar years one aid assignment may overlap: the span cap (rules §7). */
export const MAX_AID_YEARS = MAX_SPAN_YEARS;
const yearOfDate = (date: string) => Number(date.slice(0, 4));

/** C7 has a period, not a date (rules §3 "Aid assignments use their period"). */
export const AidAssignmentSchema = z
  .strictObject({
    ...identityFields,
    kind: z.literal('aid_assignment'),
    startDate: IsoDateSchema.meta({ description: '外派开始日期' }),
    endDate: IsoDateSchema.meta({ description: '外派结束日期（不早于开始日期）' }),
    assessmentPassed: z.boolean('assessmentPassed 须为布尔值').meta({ description: '考核是否合格' }),
    provincialOrAbove: z.boolean('provincialOrAbove 须为布尔值').meta({ description: '是否省级以上特定工作任务' }),
  })
  .refine((a) => a.endDate >= a.startDate, {
    error: '结束日期不能早于开始日期',
    path: ['endDate'],
    when: (payload) => payload.issues.length === 0,
  })
  // An assignment deems every year it overlaps (C7): bounded by the span cap (rules §7, 50 years), so it
  // never answers more years than a span may hold, and a stored record's per-year items stay well inside
  // one DynamoDB transaction (100 items).
  .refine((a) => yearOfDate(a.endDate) - yearOfDate(a.startDate) + 1 <= MAX_AID_YEARS, {
    error: `外派期间不能超过${MAX_AID_YEARS}个年度`,
    path: ['endDate'],
    when: (payload) => payload.issues.length === 0,
  })
  .meta({
    description: `“三援”、东西部扶贫协作、公共卫生事件防控一线等（C7），以起止日期计，不填 date；起止最多跨${MAX_AID_YEARS}个年度`,
    example: {
      kind: 'aid_assignment',
      startDate: '2021-03-01',
      endDate: '2022-08-31',
      assessmentPassed: true,
      provincialOrAbove: true,
    },
  });
export type AidAssignment = z.infer<typeof AidAssignmentSchema>;

export const DegreeCourseSchema = z
  .strictObject({
    ...identityFields,
    kind: z.literal('degree_course'),
    date: IsoDateSchema.meta({ description: '课程或考核通过日期' }),
    coursesPassed: count('通过课程数', 1, 100),
  })
  .meta({ description: '学历（学位）教育（C8）' });
export type DegreeCourse = z.infer<typeof DegreeCourseSchema>;

export const QualificationExamSchema = z
  .strictObject({
    ...identityFields,
    kind: z.literal('qualification_exam'),
    date: IsoDateSchema.meta({ description: '考试通过日期' }),
    subjectsPassed: count('通过科目数', 1, 100),
  })
  .meta({ description: '职业资格考试（C9）' });
export type QualificationExam = z.infer<typeof QualificationExamSchema>;

export const ActivitySchema = z
  .discriminatedUnion(
    'kind',
    [
      C1ActivitySchema,
      OnlineCourseSchema,
      ResearchProjectSchema,
      BookSchema,
      PaperSchema,
      PatentSchema,
      AwardSchema,
      ComputerExamSchema,
      AidAssignmentSchema,
      DegreeCourseSchema,
      QualificationExamSchema,
    ],
    { error: `未知的活动类型（kind），应为：${ActivityKindSchema.options.join('、')}` },
  )
  .meta({ id: 'Activity', description: '一项继续教育活动（rules §7）' });
export type Activity = z.infer<typeof ActivitySchema>;
export type DatedActivity = Exclude<Activity, AidAssignment>;

/** At most 1,000 activities per preview (rules §7). */
export const MAX_PREVIEW_ACTIVITIES = 1000;

export const PreviewRequestSchema = z
  .strictObject({
    activities: z.array(ActivitySchema, 'activities 须为数组').max(MAX_PREVIEW_ACTIVITIES, `一次最多计算${MAX_PREVIEW_ACTIVITIES}项活动`),
    span: YearSpanSchema.optional(),
  })
  .superRefine((body, ctx) => {
    // Ids name results; a repeated id would make `activityId` ambiguous.
    const seen = new Map<string, number>();
    body.activities.forEach((a, i) => {
      if (a.id === undefined) return;
      const first = seen.get(a.id);
      if (first === undefined) seen.set(a.id, i);
      else ctx.addIssue({ code: 'custom', path: ['activities', i, 'id'], message: `id「${a.id}」与第${first}项重复` });
    });
  })
  .meta({
    id: 'PreviewRequest',
    description: '学时试算请求；span 省略时按活动所在年度',
    example: {
      activities: [
        { kind: 'training', date: '2022-05-20', category: 'professional', days: 3, halfDays: 1, evenings: 2 },
        { kind: 'paper', date: '2022-09-01', authorRole: 'sole_or_first', domesticCN: true },
      ],
      span: { from: 2018, to: 2022 },
    },
  });
export type PreviewRequest = z.infer<typeof PreviewRequestSchema>;

/** Hours as reported: tenths where fractional (rules §7). */
const HoursValueSchema = z.number().min(0).meta({ description: '学时（最多一位小数）', example: 38 });

/** One-decimal non-negative hours as input (prior certificates). */
export const HoursInputSchema = z
  .number('学时须为数字')
  .min(0, '学时不能为负数')
  .max(10000, '学时不能大于10000')
  .refine(hasAtMostOneDecimal, '学时最多保留一位小数');

/**
 * A 学时认定单 the person already holds (通知四(二)): the years it lists take their hours from it,
 * and activities attributed to those years are not counted again.
 */
export const PriorCertificateSchema = z
  .strictObject({
    number: z.string().min(1, '认定单编号不能为空').max(100).meta({ example: 'HN-430000-2022-000123' }),
    years: z
      .array(
        z.strictObject({
          year: YearSchema,
          publicHours: HoursInputSchema,
          professionalHours: HoursInputSchema,
          /** A year the certificate shows as deemed complete (C7). */
          deemedComplete: z.boolean().optional(),
        }),
      )
      .min(1, '认定单至少包含一个年度')
      .refine((ys) => new Set(ys.map((y) => y.year)).size === ys.length, '认定单年度不能重复'),
  })
  .meta({ id: 'PriorCertificate', description: '已开具的学时认定单（各年度公需、专业学时）' });
export type PriorCertificate = z.infer<typeof PriorCertificateSchema>;

export const RuleSchema = z
  .enum(['C1', 'ONLINE', 'C2', 'C3a', 'C3b', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'CERT'])
  .meta({ description: '折算依据（rules §3 规则；CERT 为已有学时认定单）' });
export type Rule = z.infer<typeof RuleSchema>;

export const ItemKindSchema = z.enum([...ActivityKindSchema.options, 'prior_certificate']);
export type ItemKind = z.infer<typeof ItemKindSchema>;

export const HoursItemSchema = z
  .object({
    activityId: z.string(),
    kind: ItemKindSchema,
    category: CategorySchema,
    hours: HoursValueSchema,
    rule: RuleSchema,
    note: z.string().meta({ example: '培训3天、半天1次、晚上2次：3×10+1×4+2×2=38学时' }),
  })
  .meta({ id: 'HoursItem', description: '计入某年度的一项学时及其折算说明' });
export type HoursItem = z.infer<typeof HoursItemSchema>;

/** `prior_certificate_unverified` is added by the book, not the engine: a paper-era certificate awaiting its check. */
export const YearWarningCodeSchema = z
  .enum([
    'required_hours_short',
    'public_hours_short',
    'professional_share_short',
    'public_theme_missing',
    'probable_duplicate',
    'prior_certificate_unverified',
  ])
  .meta({
    description:
      'required_hours_short 合计学时不足（硬性要求，不能书面认可）；public_hours_short 公需科目不足该年度要求学时；professional_share_short 专业科目不足要求学时（“一般”要求，合计达标时审核人员可书面说明理由后认可）；public_theme_missing 公需科目未注明年度主题；probable_duplicate 疑似重复记录；prior_certificate_unverified 已有学时认定单尚未核验，不计入',
  });
export type YearWarningCode = z.infer<typeof YearWarningCodeSchema>;

export const YearWarningSchema = z
  .object({ code: YearWarningCodeSchema, message: z.string() })
  .meta({ id: 'YearWarning', description: '年度提示（不改变计算结果；各代码含义见 code）' });
export type YearWarning = z.infer<typeof YearWarningSchema>;

export const YearResultSchema = z
  .object({
    year: z.int(),
    publicHours: HoursValueSchema,
    professionalHours: HoursValueSchema,
    totalHours: HoursValueSchema,
    requiredHours: HoursValueSchema.meta({ example: 90 }),
    basis: z
      .object({
        document: z.string().meta({ example: '湘人社办函〔2023〕23号' }),
        assumed: z.boolean().meta({ description: 'true：该年度通知尚未载入，沿用此前年度的规定' }),
      })
      .meta({ description: '该年度所依据的规定' }),
    compliant: z.boolean(),
    professionalShareOk: z.boolean(),
    deemedComplete: z.boolean(),
    items: z.array(HoursItemSchema),
    warnings: z.array(YearWarningSchema),
  })
  .meta({ id: 'YearResult', description: '一个年度的学时合计与合规情况' });
export type YearResult = z.infer<typeof YearResultSchema>;

export const RejectionCodeSchema = z.enum([
  'no_hours',
  'sponsor_not_eligible',
  'paper_not_domestic_cn',
  'award_level_not_eligible',
  'aid_not_provincial',
  'assessment_failed',
  'aid_too_short',
  'c7_year_already_deemed',
  'c8_year_cap_reached',
  'c9_year_cap_reached',
  'probable_duplicate',
  'covered_by_certificate',
  'outside_span',
]);
export type RejectionCode = z.infer<typeof RejectionCodeSchema>;

export const RejectedActivitySchema = z
  .object({ activityId: z.string(), code: RejectionCodeSchema, message: z.string() })
  .meta({ id: 'RejectedActivity', description: '不计学时的活动及原因' });
export type RejectedActivity = z.infer<typeof RejectedActivitySchema>;

export const PreviewResponseSchema = z
  .object({ years: z.array(YearResultSchema), rejected: z.array(RejectedActivitySchema) })
  .meta({ id: 'PreviewResponse', description: '按年度的学时试算结果（年度升序，跨度内每年都有）' });
export type PreviewResponse = z.infer<typeof PreviewResponseSchema>;
