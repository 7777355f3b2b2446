import { maskPhone, maskResidentId } from '../shared/mask.js';

/**
 * What the logger masks in every line it writes, whoever logged it (rules §6: resident ID numbers are
 * never logged). Shapes catch a number wherever it hides (an error message, a DynamoDB key in a
 * condition failure, a cell quoted by an import); keys catch a value whose shape is off (a
 * mistyped ID in a rejected record is still someone's ID).
 */

// 18 characters (GB 11643), not inside a longer run of letters or digits: the same cut as shared/mask.ts.
const ID_NUMBER_SHAPE = /(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3})[0-9Xx](?![0-9A-Za-z])/g;
// A mainland mobile number, not inside a longer number (epoch milliseconds are 13 digits).
const MOBILE_SHAPE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/** Keys whose values are personal data or secrets whatever their shape, by lower-cased key. */
const MASK_BY_KEY: Record<string, (value: string) => string> = {
  idnumber: maskResidentId,
  residentid: maskResidentId,
  phone: maskPhone,
  mobile: maskPhone,
  email: () => '[redacted]',
  password: () => '[redacted]',
  authorization: () => '[redacted]',
  token: () => '[redacted]',
  apikey: () => '[redacted]',
};

/** Past this depth a value is summarised: a log line is not a dump, and cycles end here too. */
const MAX_DEPTH = 8;

export function redact(text: string): string {
  return text.replace(ID_NUMBER_SHAPE, '$1**********$2*').replace(MOBILE_SHAPE, '$1****$2');
}

/**
 * A plain, JSON-ready copy of `value` with every string (keys included) redacted. `formatError` turns
 * an Error into plain fields first, so its message, stack and cause are redacted like the rest.
 */
export function redactValue(value: unknown, formatError: (err: Error) => unknown, depth = 0, key?: string): unknown {
  if (typeof value === 'string') {
    const byKey = key === undefined ? undefined : MASK_BY_KEY[key.toLowerCase()];
    return byKey ? byKey(value) : redact(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[depth]';
  if (value instanceof Error) return redactValue(formatError(value), formatError, depth + 1);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => redactValue(item, formatError, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[redact(k)] = redactValue(v, formatError, depth + 1, k);
  return out;
}
