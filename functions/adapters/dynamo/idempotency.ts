import { gunzipSync, gzipSync } from 'node:zlib';
import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { IdempotencyStore } from '../../ports/bases.js';
import { isConditionFailed, translateDynamoError } from './errors.js';
import { keys } from './keys.js';

/**
 * Idempotency records, after the powertools idempotency utility's DynamoDB persistence layer: one item
 * per (base, key) with the request's hash, an in-progress marker with its own short expiry, and then
 * the stored answer. `expiresAt` is the table's TTL attribute; TTL deletes lazily, so every condition
 * also compares the times itself.
 */
interface IdempotencyItem {
  status: 'in_progress' | 'completed';
  requestHash: string;
  /** Which attempt holds the marker: only it may complete or release it. */
  token: string;
  /** Epoch milliseconds after which an in-progress marker is abandoned (a crashed request). */
  inFlightUntil: number;
  /** Epoch seconds (TTL). */
  expiresAt: number;
  responseStatus?: number;
  responseGz?: Uint8Array;
}

export function createIdempotencyStore(db: DynamoDBDocumentClient, tableName: string): IdempotencyStore {
  return {
    async begin({ scope, key, requestHash, token, now, ttlSeconds, inFlightSeconds }) {
      const nowMs = now.getTime();
      const nowS = Math.floor(nowMs / 1000);
      const item: IdempotencyItem = {
        status: 'in_progress',
        requestHash,
        token,
        inFlightUntil: nowMs + inFlightSeconds * 1000,
        expiresAt: nowS + ttlSeconds,
      };
      try {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.idempotency(scope, key), ...item },
            // New key; or a record past its 24 h (TTL has not swept it yet); or the abandoned marker of
            // the same request that crashed — never another body's marker.
            ConditionExpression:
              'attribute_not_exists(PK) OR expiresAt <= :nowS OR ' +
              '(#status = :inProgress AND inFlightUntil <= :nowMs AND requestHash = :hash)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':nowS': nowS, ':nowMs': nowMs, ':inProgress': 'in_progress', ':hash': requestHash },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { outcome: 'started' };
      } catch (err) {
        if (!isConditionFailed(err)) translateDynamoError(err);
        // The failed condition returns the item as it is (raw attribute values: errors are not unmarshalled).
        const raw = (err as { Item?: Parameters<typeof unmarshall>[0] }).Item;
        const old = raw ? (unmarshall(raw) as IdempotencyItem) : undefined;
        if (!old) return { outcome: 'in_progress', retryAfterSeconds: 1 };
        if (old.requestHash !== requestHash) return { outcome: 'mismatch' };
        if (old.status === 'completed' && old.responseGz && old.responseStatus) {
          return { outcome: 'replay', response: { status: old.responseStatus, body: gunzipSync(old.responseGz).toString('utf8') } };
        }
        return { outcome: 'in_progress', retryAfterSeconds: Math.max(1, Math.ceil((old.inFlightUntil - nowMs) / 1000)) };
      }
    },

    async complete({ scope, key, token, response }) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.idempotency(scope, key),
            UpdateExpression: 'SET #status = :completed, responseStatus = :s, responseGz = :b',
            // Only the attempt holding the marker: one that outlived its 60 s may have been taken over.
            ConditionExpression: '#token = :token',
            ExpressionAttributeNames: { '#status': 'status', '#token': 'token' },
            ExpressionAttributeValues: {
              ':completed': 'completed',
              ':token': token,
              ':s': response.status,
              // Compressed: 500 results with their reasons stay far below the 400 KB item limit.
              ':b': gzipSync(response.body),
            },
          }),
        );
      } catch (err) {
        if (isConditionFailed(err)) return;
        translateDynamoError(err);
      }
    },

    async release({ scope, key, token }) {
      try {
        await db.send(
          new DeleteCommand({
            TableName: tableName,
            Key: keys.idempotency(scope, key),
            ConditionExpression: '#token = :token AND #status = :inProgress',
            ExpressionAttributeNames: { '#status': 'status', '#token': 'token' },
            ExpressionAttributeValues: { ':token': token, ':inProgress': 'in_progress' },
          }),
        );
      } catch (err) {
        if (isConditionFailed(err)) return;
        translateDynamoError(err);
      }
    },
  };
}
