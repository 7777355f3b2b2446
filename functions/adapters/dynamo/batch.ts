import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Key = Record<string, string>;

/**
 * Reads many items by key: 100 keys a request (DynamoDB's limit), the chunks in parallel, and any
 * unprocessed keys again after a short pause (DynamoDB returns them under load instead of failing).
 */
export async function batchGetAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  itemKeys: Key[],
  options: { projection?: string; names?: Record<string, string>; consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const unique = [...new Map(itemKeys.map((k) => [`${k.PK}\u0000${k.SK}`, k])).values()];
  const chunks: Key[][] = [];
  for (let i = 0; i < unique.length; i += 100) chunks.push(unique.slice(i, i + 100));
  const pages = await Promise.all(
    chunks.map(async (chunk) => {
      const out: Record<string, unknown>[] = [];
      let pending: Key[] = chunk;
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
        const res = await db.send(
          new BatchGetCommand({
            RequestItems: {
              [tableName]: {
                Keys: pending,
                ...(options.projection ? { ProjectionExpression: options.projection } : {}),
                ...(options.names ? { ExpressionAttributeNames: options.names } : {}),
                ...(options.consistent ? { ConsistentRead: true } : {}),
              },
            },
          }),
        );
        out.push(...((res.Responses?.[tableName] ?? []) as Record<string, unknown>[]));
        pending = (res.UnprocessedKeys?.[tableName]?.Keys ?? []) as Key[];
      }
      return out;
    }),
  );
  return pages.flat();
}

/** TransactionCanceledException reasons, by item index. */
export function cancellationCodes(err: unknown): (string | undefined)[] | undefined {
  const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
  return e.name === 'TransactionCanceledException' ? (e.CancellationReasons ?? []).map((r) => r.Code) : undefined;
}

/**
 * Runs a transaction, again after a short random pause when it lost a race with another transaction
 * on the same items (TransactionConflict): two records of one person in one batch both bump the
 * person's revision, and concurrent requests may touch the same posting.
 */
export async function withConflictRetry<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const codes = cancellationCodes(err);
      const conflict =
        (err as { name?: string }).name === 'TransactionConflictException' ||
        (codes !== undefined && codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed'));
      if (!conflict || attempt >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * attempt));
    }
  }
}
