import { ConflictError, UnavailableError } from '../../../shared/errors.js';

/**
 * SDK errors → domain errors. A failed condition and a transaction conflict both mean "someone else
 * changed this first": the client gets 409 and retries on fresh data. Throttling and a database that
 * cannot be reached are 503s, never a 500 with a stack.
 */
export function translateDynamoError(err: unknown, conflictMessage?: string): never {
  const e = err as { name?: string; CancellationReasons?: { Code?: string }[]; $metadata?: unknown; code?: string };
  const reasons = e.CancellationReasons?.map((r) => r.Code) ?? [];
  if (
    e.name === 'ConditionalCheckFailedException' ||
    e.name === 'TransactionConflictException' ||
    (e.name === 'TransactionCanceledException' &&
      reasons.some((c) => c === 'ConditionalCheckFailed' || c === 'TransactionConflict'))
  ) {
    throw new ConflictError('conflict', conflictMessage, { cause: err });
  }
  const unavailable = asUnavailable(err);
  if (unavailable) throw unavailable;
  throw err;
}

/**
 * Throttling, or a database that cannot be reached (after the SDK's own retries): a 503 the client may
 * retry. The document client applies this to every command (client.ts), reads included.
 */
export function asUnavailable(err: unknown): UnavailableError | undefined {
  const e = err as { name?: string; CancellationReasons?: { Code?: string }[]; code?: string };
  const reasons = e?.CancellationReasons?.map((r) => r.Code) ?? [];
  if (
    e?.name === 'ProvisionedThroughputExceededException' ||
    e?.name === 'ThrottlingException' ||
    e?.name === 'RequestLimitExceeded' ||
    (e?.name === 'TransactionCanceledException' && reasons.includes('ThrottlingError')) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(e?.code ?? '') ||
    /ECONNREFUSED|ECONNRESET|socket hang up|connect ETIMEDOUT/.test(String((err as Error)?.message))
  ) {
    return new UnavailableError('database_unavailable', '数据库暂时不可用，请稍后重试', { cause: err });
  }
  return undefined;
}

/** Runs a write and translates its failure. */
export async function write<T>(fn: () => Promise<T>, conflictMessage?: string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    translateDynamoError(err, conflictMessage);
  }
}
