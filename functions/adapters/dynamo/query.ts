import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/** Reads every page of a query whose result is known to be small (a tenant's organisation tree). */
export async function queryAll(db: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    ExclusiveStartKey = page.LastEvaluatedKey as Record<string, unknown> | undefined;
  } while (ExclusiveStartKey);
  return items;
}

/** Reads items by key, 100 at a time, following up unprocessed keys; consistent, since callers check before writing. */
export async function batchGetAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  itemKeys: { PK: string; SK: string }[],
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < itemKeys.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead?: boolean }> | undefined = {
      [tableName]: { Keys: itemKeys.slice(i, i + 100), ConsistentRead: true },
    };
    while (request && Object.keys(request).length) {
      const res = await db.send(new BatchGetCommand({ RequestItems: request }));
      out.push(...((res.Responses?.[tableName] ?? []) as Record<string, unknown>[]));
      request = res.UnprocessedKeys as typeof request;
    }
  }
  return out;
}
