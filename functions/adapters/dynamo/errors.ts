import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ThrottlingException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import { ConflictError, UnavailableError } from '../../../shared/errors.js';

/**
 * The one place SDK errors are read: by class (the SDK's deserialiser builds these from the service's
 * error type), never by `.name` strings scattered through adapters. What a failure means for us:
 * - `condition_failed` — a condition did not hold (someone else changed this first, or it exists);
 * - `transaction_conflict` — another transaction held an item: safe to run again;
 * - `throttled` / `unreachable` — the database cannot serve us now: a 503 the client may retry.
 */
export type DynamoFailure = 'condition_failed' | 'transaction_conflict' | 'throttled' | 'unreachable' | 'other';

const NETWORK_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'];

export function classifyDynamoError(err: unknown): DynamoFailure {
  if (err instanceof ConditionalCheckFailedException) return 'condition_failed';
  if (err instanceof TransactionConflictException) return 'transaction_conflict';
  if (err instanceof TransactionCanceledException) {
    const codes = cancellationCodes(err);
    if (codes.includes('ConditionalCheckFailed')) return 'condition_failed';
    if (codes.includes('ThrottlingError') || codes.includes('ProvisionedThroughputExceeded')) return 'throttled';
    if (codes.includes('TransactionConflict')) return 'transaction_conflict';
    return 'other';
  }
  if (err instanceof ProvisionedThroughputExceededException || err instanceof ThrottlingException || err instanceof RequestLimitExceeded) {
    return 'throttled';
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (
    (typeof code === 'string' && NETWORK_CODES.includes(code)) ||
    /ECONNREFUSED|ECONNRESET|socket hang up|connect ETIMEDOUT/.test(String((err as Error)?.message))
  ) {
    return 'unreachable';
  }
  return 'other';
}

/** A cancelled transaction's reason codes, in item order (only transact.ts maps them to item names). */
export function cancellationCodes(err: TransactionCanceledException): (string | undefined)[] {
  return (err.CancellationReasons ?? []).map((r) => r.Code);
}

/** A conditional write whose condition did not hold (a plain write's, or any item's of a transaction). */
export const isConditionFailed = (err: unknown): boolean => classifyDynamoError(err) === 'condition_failed';

/**
 * SDK errors → domain errors. A failed condition and a transaction conflict both mean "someone else
 * changed this first": the client gets 409 and retries on fresh data. Throttling and a database that
 * cannot be reached are 503s, never a 500 with a stack.
 */
export function translateDynamoError(err: unknown, conflictMessage?: string): never {
  const kind = classifyDynamoError(err);
  if (kind === 'condition_failed' || kind === 'transaction_conflict') throw new ConflictError('conflict', conflictMessage, { cause: err });
  throw asUnavailable(err) ?? err;
}

/**
 * Throttling, or a database that cannot be reached (after the SDK's own retries): a 503 the client may
 * retry. The document client applies this to every command (client.ts), reads included.
 */
export function asUnavailable(err: unknown): UnavailableError | undefined {
  if (err instanceof UnavailableError) return err;
  const kind = classifyDynamoError(err);
  if (kind === 'throttled' || kind === 'unreachable') {
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

/**
 * Runs a conditional write whose failed condition is an expected answer, not an error (a flag already
 * cleared, a job already claimed): true when it was written, false when the condition did not hold.
 */
export async function writeIf(fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    translateDynamoError(err);
  }
}
