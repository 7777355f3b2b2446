import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, invalidCursor } from './cursor.js';

type Item = Record<string, unknown>;
type Db = Pick<DynamoDBDocumentClient, 'send'>;

/** Reads every page of a query whose result is known to be small (a person's partition, a tenant's tree). */
export async function queryAll(db: Db, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...((page.Items ?? []) as Item[]));
    ExclusiveStartKey = page.LastEvaluatedKey as Item | undefined;
  } while (ExclusiveStartKey);
  return items;
}

/** One partition of the table (PK) or of an index (GSI1PK, GSI2PK), optionally narrowed to a sort-key prefix. */
export interface Partition {
  index?: 'GSI1' | 'GSI2' | 'GSI3';
  pk: string;
  skPrefix?: string;
}

export interface PageOptions {
  /** Oldest (or A→Z) first; newest first by default, as the lists of the screens are. */
  forward?: boolean;
  /** A filter on the items read (the page is still read on until it is full). */
  filter?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> };
  consistent?: boolean;
}

/**
 * One page of a partition — the one paging rule of every paged adapter. The cursor is the query's
 * LastEvaluatedKey sealed by cursor.ts (opaque, authenticated) and must belong to the partition being
 * read: a caller cannot page through another unit's, base's or office's items with a cursor of theirs.
 * A page is read on until it holds `limit` items or the partition ends (a filter, or DynamoDB's 1 MB
 * cut, may leave a single query short); its cursor is null when there is nothing more to read.
 */
export async function queryPage(
  db: Db,
  tableName: string,
  partition: Partition,
  page: { limit: number; cursor?: string | undefined },
  options: PageOptions = {},
): Promise<{ items: Item[]; cursor: string | null }> {
  const pkAttribute = partition.index ? `${partition.index}PK` : 'PK';
  const skAttribute = partition.index ? `${partition.index}SK` : 'SK';
  let startKey: Item | undefined = decodeCursor(page.cursor, { attribute: pkAttribute, value: partition.pk });
  // A cursor from another range of the same partition (another unit's inbox) would start outside this one.
  if (startKey && partition.skPrefix && !String(startKey[skAttribute]).startsWith(partition.skPrefix)) throw invalidCursor();
  const items: Item[] = [];
  do {
    const res = await db.send(
      new QueryCommand({
        TableName: tableName,
        ...(partition.index ? { IndexName: partition.index } : {}),
        KeyConditionExpression: partition.skPrefix ? '#pk = :pk AND begins_with(#sk, :sk)' : '#pk = :pk',
        ...(options.filter ? { FilterExpression: options.filter.expression } : {}),
        ExpressionAttributeNames: { '#pk': pkAttribute, ...(partition.skPrefix ? { '#sk': skAttribute } : {}), ...options.filter?.names },
        ExpressionAttributeValues: {
          ':pk': partition.pk,
          ...(partition.skPrefix ? { ':sk': partition.skPrefix } : {}),
          ...options.filter?.values,
        },
        ScanIndexForward: options.forward ?? false,
        ...(options.consistent ? { ConsistentRead: true } : {}),
        Limit: page.limit - items.length,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((res.Items ?? []) as Item[]));
    startKey = res.LastEvaluatedKey as Item | undefined;
  } while (startKey && items.length < page.limit);
  return { items, cursor: encodeCursor(startKey) };
}

/** One page of an index partition (GSI1), newest first unless `forward`: the lists of a screen. */
export function queryIndexPage(
  db: Db,
  tableName: string,
  partition: string,
  page: { limit: number; cursor?: string | undefined },
  options: { forward?: boolean } = {},
): Promise<{ items: Item[]; cursor: string | null }> {
  return queryPage(db, tableName, { index: 'GSI1', pk: partition }, page, options);
}
