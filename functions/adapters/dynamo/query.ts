import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from './cursor.js';

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

/**
 * One page of an index partition (GSI1), newest first unless `forward`: the lists of a screen. The
 * cursor must belong to this partition, so a caller cannot page through another's items.
 */
export async function queryIndexPage(
  db: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  page: { limit: number; cursor?: string },
  options: { forward?: boolean } = {},
): Promise<{ items: Record<string, unknown>[]; cursor: string | null }> {
  const res = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: options.forward ?? false,
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor, { attribute: 'GSI1PK', value: partition }),
    }),
  );
  return { items: (res.Items ?? []) as Record<string, unknown>[], cursor: encodeCursor(res.LastEvaluatedKey) };
}
