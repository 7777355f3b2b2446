import * as z from 'zod';
import { CreditCodeSchema } from './credit-code';
import { CategorySchema, hasAtMostOneDecimal, type Activity } from './hours/schemas';
import { ResidentIdSchema } from './id-number';
import { IsoDateSchema } from './iso-date';

/**
 * Training bases (施教机构 / 继续教育基地) and their completion records (rules §5 W4, §7). The record
 * schema here is the public contract of `POST /v1/base/completions`: outside developers code
 * against it, so field names and meanings never change.
 */

/** The fixed limits of the base API, documented in docs/base-api.md. */
export const BASE_API_LIMITS = {
  /** rules §7: at most 500 records a request. */
  maxRecordsPerBatch: 500,
  /** Requests per API key per fixed one-minute window (every /v1/base/* request counts). */
  requestsPerMinute: 60,
  /** rules §7: idempotency keys are kept 24 hours, per base. */
  idempotencyTtlSeconds: 24 * 3600,
  /** rules §7: the in-flight marker of a request that crashed expires after 60 s. */
  inFlightSeconds: 60,
  /**
   * Retry-After of the 409 while a request with the same key is still running: a batch finishes in
   * seconds, so the client asks again soon (the 60 s above only bound a request that died).
   */
  inFlightRetryAfterSeconds: 2,
} as const;

export const BaseLevelSchema = z.enum(['national', 'provincial', 'city', 'unit']).meta({
  description: '基地级别：national 国家级、provincial 省级、city 市级、unit 单位级',
});
export type BaseLevel = z.infer<typeof BaseLevelSchema>;

export const BASE_LEVEL_LABELS: Record<BaseLevel, string> = {
  national: '国家级',
  provincial: '省级',
  city: '市级',
  unit: '单位级',
};

export const BaseContactSchema = z.strictObject({
  name: z.string().trim().min(1, '联系人不能为空').max(50),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,30}$/, '联系电话格式有误'),
  email: z.email('电子邮箱格式有误').max(200).optional(),
});

/** The most units one unit-level base may be registered for (a hospital group, a school district). */
export const MAX_BASE_UNITS = 50;

const BaseUnitIdsSchema = z
  .array(z.string().min(1).max(100), '所属单位须为数组')
  .min(1, '单位级基地须选择其所属单位')
  .max(MAX_BASE_UNITS, `最多选择${MAX_BASE_UNITS}个单位`)
  .refine((ids) => new Set(ids).size === ids.length, '所属单位不能重复')
  .meta({ description: '单位级基地（level = unit）所属的单位：它只能为这些单位的人员报送学时' });

export const NewBaseSchema = z
  .strictObject({
    name: z.string().trim().min(1, '机构名称不能为空').max(100),
    creditCode: CreditCodeSchema,
    level: BaseLevelSchema,
    contact: BaseContactSchema,
    unitIds: BaseUnitIdsSchema.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.level === 'unit' && !b.unitIds) ctx.addIssue({ code: 'custom', path: ['unitIds'], message: '单位级基地须选择其所属单位' });
    if (b.level !== 'unit' && b.unitIds) ctx.addIssue({ code: 'custom', path: ['unitIds'], message: '只有单位级基地选择所属单位' });
  })
  .meta({ id: 'NewTrainingBase' });
export type NewBase = z.infer<typeof NewBaseSchema>;

export const TrainingBaseSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    creditCode: z.string(),
    level: BaseLevelSchema,
    contact: BaseContactSchema.optional(),
    /** A unit-level base credits only people of these units (issue 12). */
    unitIds: z.array(z.string()).optional(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'TrainingBase' });
export type TrainingBase = z.infer<typeof TrainingBaseSchema>;

/** A key as listed: never the key itself, which exists only in the one answer that created it. */
export const ApiKeySummarySchema = z
  .object({
    prefix: z.string().meta({ example: 'k3v9q2xa' }),
    baseId: z.string(),
    label: z.string().optional(),
    status: z.enum(['active', 'revoked']),
    createdAt: z.string(),
    createdBy: z.string(),
    lastUsedAt: z.string().optional(),
    revokedAt: z.string().optional(),
    revokedBy: z.string().optional(),
  })
  .meta({ id: 'ApiKeySummary' });
export type ApiKeySummary = z.infer<typeof ApiKeySummarySchema>;

/** `xsk_{8 lower-case letters or digits}_{secret}`: the prefix is visible in lists, the secret never. */
const API_KEY_SHAPE = /^xsk_([a-z0-9]{8})_([A-Za-z0-9]{16,128})$/;

export function parseApiKey(key: string): { prefix: string } | undefined {
  const match = API_KEY_SHAPE.exec(key);
  return match ? { prefix: match[1]! } : undefined;
}

export function formatApiKey(prefix: string, secret: string): string {
  return `xsk_${prefix}_${secret}`;
}

/** An Idempotency-Key: 1–255 visible ASCII characters (a UUID is the usual choice). */
export const IDEMPOTENCY_KEY_SHAPE = /^[\x21-\x7E]{1,255}$/;

// ── Completion records (rules §7) ───────────────────────────────────────────────────────────────

export const BASE_RECORD_KINDS = ['training', 'online_course', 'academic_event', 'practice'] as const;
const C1_BASE_KINDS = new Set<string>(['training', 'academic_event', 'practice']);

const unitsCount = (label: string) => z.int(`${label}须为整数`).min(0, `${label}不能小于0`).max(1000, `${label}不能大于1000`);

export const CompletionRecordSchema = z
  .strictObject({
    externalId: z
      .string('externalId 须为字符串')
      .min(1, 'externalId 不能为空')
      .max(128, 'externalId 不能超过128个字符')
      .meta({ description: '基地自己的记录编号；同一基地内永久唯一（被拒绝的记录不占用）', example: 'HN2024-000123' }),
    idNumber: ResidentIdSchema,
    name: z.string('姓名须为字符串').trim().min(1, '姓名不能为空').max(50, '姓名不能超过50个字符'),
    kind: z.enum(BASE_RECORD_KINDS, { error: `kind 须为：${BASE_RECORD_KINDS.join('、')}` }),
    courseTitle: z.string('课程名称须为字符串').trim().min(1, '课程名称不能为空').max(200, '课程名称不能超过200个字符'),
    category: CategorySchema,
    theme: z.string().trim().min(1, '主题不能为空').max(100, '主题不能超过100个字符').optional(),
    startDate: IsoDateSchema,
    endDate: IsoDateSchema.meta({ description: '结业日期：学时计入该日所在年度' }),
    days: unitsCount('天数').optional(),
    halfDays: unitsCount('半天次数').optional(),
    evenings: unitsCount('晚上次数').optional(),
    hours: z
      .number('学时须为数字')
      .gt(0, '学时须大于0')
      .max(10000, '学时不能大于10000')
      .refine(hasAtMostOneDecimal, '学时最多保留一位小数')
      .optional()
      .meta({ description: 'online_course 的课程学时（最多一位小数）' }),
    assessment: z.enum(['passed', 'failed'], { error: 'assessment 须为 passed 或 failed' }),
    certificateNo: z.string().trim().min(1).max(100, '证书编号不能超过100个字符').optional(),
  })
  .superRefine((r, ctx) => {
    if (r.endDate < r.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结业日期不能早于开始日期' });
    const units = (r.days ?? 0) + (r.halfDays ?? 0) + (r.evenings ?? 0);
    if (r.kind === 'online_course') {
      if (r.hours === undefined) ctx.addIssue({ code: 'custom', path: ['hours'], message: '网络课程须填写学时（hours）' });
      if (units > 0) ctx.addIssue({ code: 'custom', path: ['days'], message: '网络课程按学时（hours）记录，不填天数' });
    } else if (C1_BASE_KINDS.has(r.kind)) {
      if (r.hours !== undefined)
        ctx.addIssue({ code: 'custom', path: ['hours'], message: '面授类记录按天数、半天、晚上记录，不填学时（hours）' });
      if (units === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['days'],
          message: '天数（days）、半天次数（halfDays）、晚上次数（evenings）至少一项须大于0',
        });
      }
    }
  })
  .meta({
    id: 'CompletionRecord',
    description: '一条结业记录（rules §7）',
    example: {
      externalId: 'HN2024-000123',
      idNumber: '430102198503122013',
      name: '张伟',
      kind: 'training',
      courseTitle: '医学影像新技术高级研修班',
      category: 'professional',
      startDate: '2024-05-20',
      endDate: '2024-05-22',
      days: 3,
      assessment: 'passed',
      certificateNo: 'JXJY-2024-0088',
    },
  });
export type CompletionRecord = z.infer<typeof CompletionRecordSchema>;

export const CompletionBatchSchema = z
  .object({ records: z.array(CompletionRecordSchema).max(BASE_API_LIMITS.maxRecordsPerBatch) })
  .meta({ id: 'CompletionBatch', description: '一批结业记录：最多500条，每条单独校验' });

export const CompletionStatusSchema = z.enum(['recorded', 'duplicate', 'unmatched', 'rejected']);
export type CompletionStatus = z.infer<typeof CompletionStatusSchema>;

export const RecordErrorSchema = z.object({
  code: z.string().meta({ example: 'invalid_record' }),
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type RecordError = z.infer<typeof RecordErrorSchema>;

/**
 * Why an unmatched record waits: its ID is registered under another name. For the hr office only; the
 * base is answered `unmatched` exactly as for an unknown ID, so it never learns the ID is registered.
 */
export function nameMismatch(postedName: string): RecordError {
  return { code: 'name_mismatch', message: `该身份证号码的已登记人员姓名与施教机构报送的姓名（${postedName}）不一致，待人社部门核实处理` };
}

/**
 * Why an unmatched record waits: its person is registered in a unit the posting unit-level base is not
 * registered for. For the hr office only, like nameMismatch: the base is answered `unmatched`.
 */
export function outsideBaseUnits(): RecordError {
  return { code: 'outside_base_units', message: '该人员不属于此单位级施教机构所属的单位，待人社部门核实处理' };
}

/** May a record of this (unit-level) base credit a person of this unit? */
export function baseMayCredit(baseUnitIds: readonly string[] | undefined, unitId: string): boolean {
  return baseUnitIds === undefined || baseUnitIds.includes(unitId);
}

export const CompletionResultSchema = z
  .object({
    /** As posted; null when the posted value was not a string. */
    externalId: z.string().nullable(),
    status: CompletionStatusSchema,
    recordId: z.string().optional(),
    error: RecordErrorSchema.optional(),
  })
  .meta({ id: 'CompletionResult' });
export type CompletionResult = z.infer<typeof CompletionResultSchema>;

export const CompletionResponseSchema = z
  .object({ results: z.array(CompletionResultSchema) })
  .meta({ id: 'CompletionResponse', description: '逐条结果，顺序与提交顺序一致' });
export type CompletionResponse = z.infer<typeof CompletionResponseSchema>;

/**
 * A stored posting: one per (base, externalId), forever. `recorded` postings of a passed assessment
 * credit the person (`credited`); a failed assessment is recorded without credit; `unmatched` waits
 * for the person to be registered. Duplicates and rejections are answers, never stored postings
 * (they appear in the submissions log).
 */
export const PostingSchema = z.object({
  id: z.string(),
  baseId: z.string(),
  /** The base's name when it posted: the credited activity's provider. */
  baseName: z.string(),
  /** A unit-level base's units when it posted: the record credits only a person of one of them. */
  baseUnitIds: z.array(z.string()).optional(),
  externalId: z.string(),
  status: z.enum(['recorded', 'unmatched']),
  credited: z.boolean(),
  record: CompletionRecordSchema,
  personId: z.string().optional(),
  /** The activity's state when credited: `pending` when the year was already confirmed. */
  activityStatus: z.enum(['active', 'pending']).optional(),
  postedAt: z.string(),
  matchedAt: z.string().optional(),
  keyPrefix: z.string(),
  /** The request that stored it, so a retry of that request answers as the first attempt would have. */
  idempotencyKey: z.string(),
  batchIndex: z.int(),
  /**
   * Set when the person registered under this ID carries a different name: the posting stays unmatched
   * for the hr office to resolve. Listed to the hr office only, never to the base (rules §7).
   */
  matchError: RecordErrorSchema.optional(),
});
export type Posting = z.infer<typeof PostingSchema>;

/** A posting as listed (rules §7 `GET /v1/base/completions`): the record with its status, the ID masked. */
export const PostingListItemSchema = z
  .object({
    recordId: z.string(),
    externalId: z.string(),
    status: z.enum(['recorded', 'unmatched']),
    credited: z.boolean(),
    activityStatus: z.enum(['active', 'pending']).optional(),
    idNumberMasked: z.string().meta({ example: '4301**********201*' }),
    name: z.string(),
    kind: z.enum(BASE_RECORD_KINDS),
    courseTitle: z.string(),
    category: CategorySchema,
    theme: z.string().optional(),
    startDate: z.string(),
    endDate: z.string(),
    days: z.int().optional(),
    halfDays: z.int().optional(),
    evenings: z.int().optional(),
    hours: z.number().optional(),
    assessment: z.enum(['passed', 'failed']),
    certificateNo: z.string().optional(),
    postedAt: z.string(),
    matchedAt: z.string().optional(),
    matchError: RecordErrorSchema.optional(),
  })
  .meta({ id: 'Posting' });
export type PostingListItem = z.infer<typeof PostingListItemSchema>;

/** One request's outcome in the base's submissions log (kept; the idempotency replay is not). */
export const SubmissionSchema = z
  .object({
    id: z.string(),
    baseId: z.string(),
    at: z.string(),
    keyPrefix: z.string(),
    idempotencyKey: z.string(),
    counts: z.object({ recorded: z.int(), duplicate: z.int(), unmatched: z.int(), rejected: z.int() }),
    results: z.array(CompletionResultSchema),
  })
  .meta({ id: 'Submission' });
export type Submission = z.infer<typeof SubmissionSchema>;

export function countResults(results: CompletionResult[]): Submission['counts'] {
  const counts = { recorded: 0, duplicate: 0, unmatched: 0, rejected: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

/** The engine's Activity for a record: the date is the end date (rules §3 year attribution). */
export function completionActivity(record: CompletionRecord, baseName: string): Activity {
  const common = {
    date: record.endDate,
    category: record.category,
    title: record.courseTitle,
    provider: baseName,
    ...(record.theme ? { theme: record.theme } : {}),
  };
  if (record.kind === 'online_course') return { kind: 'online_course', ...common, hours: record.hours ?? 0 };
  return {
    kind: record.kind,
    ...common,
    ...(record.days ? { days: record.days } : {}),
    ...(record.halfDays ? { halfDays: record.halfDays } : {}),
    ...(record.evenings ? { evenings: record.evenings } : {}),
  };
}

/** Names compare without spaces (全角 too): "欧阳 明" and "欧阳明" are one person. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  return norm(a) === norm(b);
}

/**
 * JSON with object keys sorted at every level (arrays keep their order): rules §7 "the same JSON
 * value, key order aside" hashes the same.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
