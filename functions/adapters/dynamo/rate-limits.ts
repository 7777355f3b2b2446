import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateLimitStore } from '../../ports/bases.js';
import { translateDynamoError } from './errors.js';
import { keys } from './keys.js';

/**
 * Fixed-window counters: one item per key and minute, counted with an atomic ADD and swept by TTL.
 * One write a request, no read; a window's count is exact because ADD is atomic.
 */
export function createRateLimitStore(db: DynamoDBDocumentClient, tableName: string): RateLimitStore {
  return {
    async hit(bucket, windowStart, expiresAt, by = 1) {
      try {
        const res = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.rateWindow(bucket, windowStart),
            UpdateExpression: 'ADD #count :one SET expiresAt = if_not_exists(expiresAt, :ttl)',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: { ':one': by, ':ttl': expiresAt },
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        return Number(res.Attributes?.count ?? 1);
      } catch (err) {
        translateDynamoError(err);
      }
    },
    async count(bucket, windowStart) {
      // Strongly consistent: a budget spent by the previous request is seen by this one.
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.rateWindow(bucket, windowStart), ConsistentRead: true }));
      return Number(res.Item?.count ?? 0);
    },
  };
}
