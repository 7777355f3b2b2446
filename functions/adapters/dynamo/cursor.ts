import * as z from 'zod';
import { ValidationError } from '../../../shared/errors.js';

/**
 * Paging cursors are DynamoDB's LastEvaluatedKey, base64url-encoded. They are opaque to clients and
 * parsed strictly on the way back in: a tampered cursor is a 400, never a query on arbitrary keys.
 */
const KeySchema = z.record(z.string().regex(/^(PK|SK|GSI[12]PK|GSI[12]SK)$/), z.string().max(400));

export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

export function decodeCursor(cursor: string | undefined, expectedPrefix?: { attribute: string; value: string }) {
  if (!cursor) return undefined;
  try {
    const key = KeySchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (expectedPrefix && key[expectedPrefix.attribute] !== expectedPrefix.value) throw new Error('foreign cursor');
    return key;
  } catch {
    throw new ValidationError('invalid_cursor', '分页游标无效', [{ path: 'query.cursor', message: '分页游标无效，请从第一页重新查询' }]);
  }
}
