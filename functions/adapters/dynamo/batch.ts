import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UnavailableError } from '../../../shared/errors.js';
import { RETRY, retryDelayMs, sleep } from './retry.js';

type Key = Record<string, string>;
type Item = Record<string, unknown>;
type Db = Pick<DynamoDBDocumentClient, 'send'>;

/** DynamoDB's limits per request. */
const GET_CHUNK = 100;
const WRITE_CHUNK = 25;

const chunked = <T>(list: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

const keyOf = (k: Item) => `${String(k.PK)}\u0000${String(k.SK)}`;

/**
 * Sends `first`, then whatever DynamoDB left unprocessed (it returns items under load instead of
 * failing) after a jittered, growing pause (retry.ts). Still unprocessed after every attempt: a 503.
 */
async function untilProcessed<T>(first: T[], send: (pending: T[], attempt: number) => Promise<T[]>): Promise<void> {
  let pending = first;
  for (let attempt = 0; pending.length; attempt++) {
    if (attempt >= RETRY.attempts) throw new UnavailableError('database_unavailable', '数据库暂时不可用，请稍后重试');
    if (attempt > 0) await sleep(retryDelayMs(attempt));
    pending = await send(pending, attempt);
  }
}

/**
 * Reads many items by key: duplicates asked once, 100 keys a request, the chunks in parallel, and
 * unprocessed keys again with backoff. Items come back in no particular order; missing ones are absent.
 */
export async function batchGetAll(
  db: Db,
  tableName: string,
  itemKeys: Key[],
  options: { projection?: string; names?: Record<string, string>; consistent?: boolean } = {},
): Promise<Item[]> {
  const unique = [...new Map(itemKeys.map((k) => [keyOf(k), k])).values()];
  const out: Item[] = [];
  await Promise.all(
    chunked(unique, GET_CHUNK).map((chunk) =>
      untilProcessed(chunk, async (Keys) => {
        const res = await db.send(
          new BatchGetCommand({
            RequestItems: {
              [tableName]: {
                Keys,
                ...(options.projection ? { ProjectionExpression: options.projection } : {}),
                ...(options.names ? { ExpressionAttributeNames: options.names } : {}),
                ...(options.consistent ? { ConsistentRead: true } : {}),
              },
            },
          }),
        );
        out.push(...((res.Responses?.[tableName] ?? []) as Item[]));
        return (res.UnprocessedKeys?.[tableName]?.Keys ?? []) as Key[];
      }),
    ),
  );
  return out;
}

export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Key } };

/**
 * Puts and deletes many items, unconditionally (a batch write takes no conditions and is not a
 * transaction: use it for items nothing else guards, such as seeds and derived rows): 25 a request,
 * the chunks in parallel, unprocessed items again with backoff.
 */
export async function batchWriteAll(db: Db, tableName: string, requests: WriteRequest[]): Promise<void> {
  await Promise.all(
    chunked(requests, WRITE_CHUNK).map((chunk) =>
      untilProcessed(chunk, async (pending) => {
        const res = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        return (res.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
      }),
    ),
  );
}

export const putRequests = (items: Item[]): WriteRequest[] => items.map((Item) => ({ PutRequest: { Item } }));
