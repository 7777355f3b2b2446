import { UnavailableError } from '../../../shared/errors.js';

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  errors?: { code?: string }[];
  $metadata?: { httpStatusCode?: number };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const RETRYABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'ThrottlingException',
]);

/** Nothing stored under the key (HEAD answers a bare 404 named `NotFound`; GET names it `NoSuchKey`). */
export function isMissingObject(err: unknown): boolean {
  const e = err as SdkError;
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey';
}

/**
 * S3's answer to a HEAD or GET of a key that does not exist when the caller may not list the bucket:
 * 403 instead of 404, because S3 will not say whether the key exists (GET: `AccessDenied`; HEAD has
 * no body, and SDK v3 names that error `Unknown`, so the status is what counts). Only where the caller may read the key itself does this mean "nothing there": the
 * evidence store's head and read of keys it made, which its role may get (infra/constructs/api.ts).
 * Anywhere else a 403 stays what it is, a misconfiguration.
 */
export function isHiddenMissingObject(err: unknown): boolean {
  const e = err as SdkError;
  return e?.$metadata?.httpStatusCode === 403;
}

/**
 * SDK and network failures → 503 `storage_unavailable`: the client may retry later, and nothing
 * about the file has changed. Anything else (access denied, a missing bucket) is a misconfiguration
 * and stays an internal error, logged with its cause.
 */
export function translateS3Error(err: unknown): never {
  const e = err as SdkError;
  const status = e?.$metadata?.httpStatusCode ?? 0;
  if (
    NETWORK_CODES.has(e?.code ?? '') ||
    e?.errors?.some((inner) => NETWORK_CODES.has(inner.code ?? '')) ||
    RETRYABLE_NAMES.has(e?.name ?? '') ||
    status >= 500 ||
    /ECONNREFUSED|ECONNRESET|socket hang up|aborted|connect ETIMEDOUT/.test(String(e?.message))
  ) {
    throw new UnavailableError('storage_unavailable', '文件存储暂时不可用，请稍后重试', { cause: err });
  }
  throw err;
}
