import { createHash } from 'node:crypto';
import {
  BASE_API_LIMITS,
  CompletionRecordSchema,
  IDEMPOTENCY_KEY_SHAPE,
  canonicalJson,
  type CompletionRecord,
  type RecordError,
} from '../../shared/bases.js';
import { DomainError, RuleViolationError, ValidationError } from '../../shared/errors.js';
import { birthDateOf, rangeIssues } from '../../shared/plausibility.js';
import { parseWithDetails } from '../../shared/validation.js';
import type { Logger } from '../log.js';
import type { IdempotencyStore, StoredResponse } from '../ports/bases.js';

/**
 * The parts of rules §7's `POST /v1/base/completions` that do not depend on where records land: the
 * Idempotency-Key protocol, the batch envelope and each record's own checks. A city's intake
 * (base-completions.ts) and the province's (province/intake.ts) run the same code, so a base gets the
 * same answers from both.
 */

const MAX_DETAILS_PER_RECORD = 10;

export function requireIdempotencyKey(key: string | undefined): string {
  if (key === undefined || key === '') {
    throw new ValidationError('idempotency_key_missing', '缺少 Idempotency-Key 请求头', [
      { path: 'header.idempotency-key', message: '每个请求须带 Idempotency-Key（建议使用 UUID），重试时使用同一值' },
    ]);
  }
  if (!IDEMPOTENCY_KEY_SHAPE.test(key)) {
    throw new ValidationError('idempotency_key_invalid', 'Idempotency-Key 格式有误', [
      { path: 'header.idempotency-key', message: '须为1—255个可见 ASCII 字符' },
    ]);
  }
  return key;
}

/** The envelope: `{"records": [...]}` with at most 500 entries, counted before any record is read. */
export function batchRecords(body: unknown): unknown[] {
  const records = (body as { records?: unknown } | null)?.records;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray(records)) {
    throw new ValidationError('validation_failed', '请求体须为 {"records": [...]}', [{ path: 'records', message: 'records 须为数组' }]);
  }
  const extra = Object.keys(body).filter((k) => k !== 'records');
  if (extra.length) {
    throw new ValidationError(
      'validation_failed',
      '请求参数有误',
      extra.map((k) => ({ path: k, message: '不支持的字段' })),
    );
  }
  if (records.length > BASE_API_LIMITS.maxRecordsPerBatch) {
    throw new ValidationError('batch_too_large', `每批最多 ${BASE_API_LIMITS.maxRecordsPerBatch} 条记录，本批 ${records.length} 条`, [
      { path: 'records', message: `最多 ${BASE_API_LIMITS.maxRecordsPerBatch} 条，请分批提交` },
    ]);
  }
  return records;
}

export type CheckedRecord =
  { index: number; ok: true; record: CompletionRecord } | { index: number; ok: false; externalId: string | null; error: RecordError };

/** Each record on its own: its schema, no end date after today, nothing implausible (rules §7). */
export function checkRecords(raw: unknown[], today: string): CheckedRecord[] {
  return raw.map((item, index): CheckedRecord => {
    const externalId =
      typeof (item as { externalId?: unknown } | null)?.externalId === 'string' ? (item as { externalId: string }).externalId : null;
    const parsed = parseWithDetails(CompletionRecordSchema, item);
    if (!parsed.ok) {
      return {
        index,
        ok: false,
        externalId,
        error: { code: 'invalid_record', message: '记录内容有误', details: parsed.details.slice(0, MAX_DETAILS_PER_RECORD) },
      };
    }
    if (parsed.value.endDate > today) {
      return { index, ok: false, externalId, error: { code: 'date_in_future', message: `结业日期（${parsed.value.endDate}）晚于今天` } };
    }
    // The birth date comes from the posted number itself: the answer tells the base nothing it did not send.
    const issues = rangeIssues(
      parsed.value,
      { today, birthDate: birthDateOf(parsed.value.idNumber) },
      { start: '开始日期', end: '结业日期' },
    );
    if (issues.length) {
      return {
        index,
        ok: false,
        externalId,
        error: { code: 'implausible_record', message: '记录与常理不符，未予登记', details: issues.slice(0, MAX_DETAILS_PER_RECORD) },
      };
    }
    return { index, ok: true, record: parsed.value };
  });
}

/**
 * Runs `work` under the Idempotency-Key protocol of the powertools idempotency utility: an
 * in-progress marker (60 s) while it runs, then the stored answer (24 h), keyed by scope and key and
 * bound to the SHA-256 of the body's canonical JSON. A failure releases the marker and rethrows.
 */
export async function runIdempotent(
  deps: { idempotency: IdempotencyStore; clock: () => Date; newId: () => string; log?: Logger },
  input: { scope: string; key: string; body: unknown },
  work: (token: string) => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  const requestHash = createHash('sha256').update(canonicalJson(input.body)).digest('hex');
  const token = deps.newId();
  const scope = { scope: input.scope, key: input.key, token };
  const begun = await deps.idempotency.begin({
    ...scope,
    requestHash,
    now: deps.clock(),
    ttlSeconds: BASE_API_LIMITS.idempotencyTtlSeconds,
    inFlightSeconds: BASE_API_LIMITS.inFlightSeconds,
  });
  if (begun.outcome === 'replay') return { ...begun.response, replayed: true };
  if (begun.outcome === 'mismatch') {
    throw new RuleViolationError('idempotency_key_reused', '该 Idempotency-Key 已用于内容不同的请求；新的请求请使用新的 Idempotency-Key');
  }
  if (begun.outcome === 'in_progress') {
    throw new DomainError(
      'conflict',
      'idempotency_request_in_progress',
      '使用该 Idempotency-Key 的请求仍在处理中，请稍后用同一 Idempotency-Key 重试',
      [],
      {
        // Soon: a running batch ends in seconds; the marker's own 60 s only bound a request that died.
        retryAfterSeconds: Math.min(begun.retryAfterSeconds, BASE_API_LIMITS.inFlightRetryAfterSeconds),
      },
    );
  }
  try {
    const response = await work(token);
    await deps.idempotency.complete({ ...scope, response });
    return { ...response, replayed: false };
  } catch (err) {
    await deps.idempotency.release(scope).catch((releaseErr: unknown) => {
      deps.log?.warn('releasing the idempotency marker failed; it expires by itself', { err: releaseErr });
    });
    throw err;
  }
}

/** Is this taken record this request's own earlier attempt (same key, same position, key still alive)? */
export function isOwnEarlierAttempt(
  taken: { idempotencyKey: string; batchIndex: number; postedAt: string },
  idempotencyKey: string,
  index: number,
  now: Date,
): boolean {
  const keyAlive = Date.parse(taken.postedAt) > now.getTime() - BASE_API_LIMITS.idempotencyTtlSeconds * 1000;
  return taken.idempotencyKey === idempotencyKey && taken.batchIndex === index && keyAlive;
}

export async function runConcurrently<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
