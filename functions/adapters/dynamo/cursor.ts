import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as z from 'zod';
import { ValidationError } from '../../../shared/errors.js';

/**
 * Paging cursors are DynamoDB's LastEvaluatedKey, sealed with AES-256-GCM: opaque to clients (a
 * key holds ids, unit codes and names — none of it readable in a URL or an access log) and
 * authenticated, so a tampered, truncated or made-up cursor is a 400, never a query on arbitrary
 * keys. The key is set once per process (setCursorKey: from configuration in AWS, from .data
 * locally); without one, a random key per process (tests). After decryption the key is still parsed
 * strictly and checked against the partition being read: a cursor from another list is foreign.
 */
const KeySchema = z.record(z.string().regex(/^(PK|SK|GSI[123]PK|GSI[123]SK)$/), z.string().max(400));

const VERSION = 'c1';
const AAD = Buffer.from('xueshi-cursor-v1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

let cursorKey: Buffer = randomBytes(32);

/** Sets the 32-byte AES-256-GCM key that seals paging cursors for this process. */
export function setCursorKey(key: Buffer): void {
  if (key.length !== 32) throw new Error('The cursor key must be 32 bytes');
  cursorKey = Buffer.from(key);
}

export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  if (!key) return null;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', cursorKey, iv);
  cipher.setAAD(AAD);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(key), 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url')}`;
}

function open(cursor: string): unknown {
  const [version, body, ...rest] = cursor.split('.');
  if (version !== VERSION || !body || rest.length > 0 || !/^[A-Za-z0-9_-]+$/.test(body)) throw new Error('malformed');
  const raw = Buffer.from(body, 'base64url');
  if (raw.length <= IV_BYTES + TAG_BYTES) throw new Error('short');
  const decipher = createDecipheriv('aes-256-gcm', cursorKey, raw.subarray(0, IV_BYTES));
  decipher.setAAD(AAD);
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
}

export function decodeCursor(cursor: string | undefined, expectedPrefix?: { attribute: string; value: string }) {
  if (!cursor) return undefined;
  try {
    if (cursor.length > 4000) throw new Error('too long');
    const key = KeySchema.parse(open(cursor));
    if (expectedPrefix && key[expectedPrefix.attribute] !== expectedPrefix.value) throw new Error('foreign cursor');
    return key;
  } catch {
    throw invalidCursor();
  }
}

/** The one answer to a cursor that is not this list's: 400, ask for the first page again. */
export function invalidCursor(): ValidationError {
  return new ValidationError('invalid_cursor', '分页游标无效', [{ path: 'query.cursor', message: '分页游标无效，请从第一页重新查询' }]);
}
