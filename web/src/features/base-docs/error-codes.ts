/**
 * The error codes of the base API as the site documents them, in zh-CN. The same codes are in
 * docs/base-api.md (the developers' guide) and a test keeps the two lists equal.
 */
export const HTTP_ERRORS: { status: number; code: string; cause: string; action: string }[] = [
  { status: 400, code: 'idempotency_key_missing', cause: 'POST 请求没有 Idempotency-Key', action: '加上该请求头' },
  { status: 400, code: 'idempotency_key_invalid', cause: 'Idempotency-Key 不是1—255个可见 ASCII 字符', action: '使用 UUID' },
  { status: 400, code: 'invalid_json', cause: '请求体不是合法的 JSON', action: '修正请求体' },
  { status: 400, code: 'validation_failed', cause: '请求体不是 {"records": [...]}、含其他顶层字段，或查询参数有误', action: '修正请求' },
  { status: 400, code: 'batch_too_large', cause: '一批超过500条（在读取任何记录之前判断）', action: '拆分批次' },
  { status: 400, code: 'invalid_cursor', cause: 'cursor 被改动或属于其他基地', action: '从第一页重新查询' },
  { status: 401, code: 'api_key_missing', cause: '没有 Authorization: Bearer 请求头', action: '加上密钥' },
  { status: 401, code: 'api_key_invalid', cause: '密钥不存在、错误或格式不对', action: '检查密钥及所报送的市州' },
  { status: 401, code: 'api_key_revoked', cause: '密钥已被吊销', action: '改用新密钥' },
  {
    status: 409,
    code: 'idempotency_request_in_progress',
    cause: '使用该 Idempotency-Key 的首次请求仍在处理',
    action: '按 Retry-After 等待后，以相同的键和请求体重试',
  },
  { status: 413, code: 'payload_too_large', cause: '请求体超过 2 MB', action: '减少每批条数' },
  { status: 422, code: 'idempotency_key_reused', cause: '24小时内同一 Idempotency-Key 用于不同的请求体', action: '新内容使用新键' },
  { status: 429, code: 'rate_limited', cause: '该密钥本分钟内请求超过限额', action: '等待 Retry-After 秒' },
  { status: 500, code: 'internal_error', cause: '意外故障', action: '以相同的键和请求体重试' },
  { status: 503, code: 'database_unavailable', cause: '存储限流或不可达', action: '以相同的键和请求体重试' },
];

/** Codes of `results[].error.code`: one record rejected, the rest of the batch still lands. */
export const RECORD_ERRORS: { code: string; meaning: string }[] = [
  { code: 'invalid_record', meaning: '字段缺失或有误；details 逐项列出字段（path）和中文说明' },
  { code: 'date_in_future', meaning: '结业日期（endDate）晚于今天' },
  {
    code: 'implausible_record',
    meaning: '记录与常理不符：开始日期早于本人年满16周岁之日，或天数、半天、晚上次数超过起止日期之间的日历日数；details 指明字段',
  },
];
