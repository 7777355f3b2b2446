import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../../shared/errors.js';
import { OrganisationSchema, type Organisation } from '../../../shared/organisation.js';
import type { OrganisationRepository } from '../../ports/organisations.js';
import type { Page } from '../../ports/records.js';
import { batchGetAll } from './batch.js';
import { named, transactWrite } from './transact.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { keys } from './keys.js';

/**
 * A name is indexed from each of its first NAME_INDEX_POSITIONS characters: a search text starting
 * later in a very long name is not found. It keeps an organisation's index items, old and new, inside
 * one transaction (DynamoDB's limit is 100 actions) when a rename replaces them.
 */
export const NAME_INDEX_POSITIONS = 40;

/** A filtered page reads at most this many DynamoDB pages, then hands out a cursor to read on. */
const MAX_READS_PER_PAGE = 4;

type Key = { PK: string; SK: string };

function nameSuffixes(name: string): string[] {
  const chars = Array.from(name.toLowerCase());
  return [...new Set(chars.slice(0, NAME_INDEX_POSITIONS).map((_, i) => chars.slice(i).join('')))];
}

/** The index items of an organisation, each carrying a copy of it so a search needs no second read. */
function indexItems(org: Organisation): Record<string, unknown>[] {
  const copy = OrganisationSchema.parse(org);
  return [
    ...org.path.slice(0, -1).map((ancestor) => ({ ...keys.organisationBelow(ancestor, org.path), ...copy })),
    ...nameSuffixes(org.name).map((suffix) => ({ ...keys.organisationName(suffix, org.id), ...copy })),
    ...(org.creditCode ? [{ ...keys.organisationCreditCode(org.creditCode), orgId: org.id }] : []),
  ];
}

const keyOf = (k: Key) => `${k.PK}\u0000${k.SK}`;

/** Every item an organisation is stored as: itself (with its children-index keys) and its index items. Seeders write these directly. */
export function organisationItems(org: Organisation): Record<string, unknown>[] {
  return [{ ...keys.organisation(org.id), ...keys.organisationChild(org), ...org }, ...indexItems(org)];
}

export function createOrganisationRepository(db: DynamoDBDocumentClient, tableName: string): OrganisationRepository {
  const parse = (items: Record<string, unknown>[]) => items.map((item) => OrganisationSchema.parse(item));

  /**
   * One page of a query, read on (at most MAX_READS_PER_PAGE times) while a filter thins it out, plus
   * one item past the page so a cursor is handed out only when more may follow.
   */
  async function queryPage(
    input: QueryCommandInput,
    page: { limit: number; cursor?: string },
    partition: { attribute: 'PK' | 'GSI1PK'; value: string },
    dedupe = false,
  ): Promise<Page<Organisation>> {
    let startKey = decodeCursor(page.cursor, partition) as Record<string, unknown> | undefined;
    const raw: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    for (let reads = 0; reads < MAX_READS_PER_PAGE; reads++) {
      const res = await db.send(new QueryCommand({ ...input, Limit: page.limit + 1 - raw.length, ExclusiveStartKey: startKey }));
      for (const item of (res.Items ?? []) as Record<string, unknown>[]) {
        if (dedupe && seen.has(item.id as string)) continue;
        seen.add(item.id as string);
        raw.push(item);
      }
      startKey = res.LastEvaluatedKey;
      if (!startKey || raw.length > page.limit) break;
    }
    const items = raw.slice(0, page.limit);
    const last = items[items.length - 1];
    const resume = raw.length > page.limit ? last : startKey;
    const indexKeys = partition.attribute === 'GSI1PK' ? ['PK', 'SK', 'GSI1PK', 'GSI1SK'] : ['PK', 'SK'];
    const cursor = resume ? encodeCursor(Object.fromEntries(indexKeys.map((k) => [k, resume[k]]))) : null;
    return { items: parse(items), cursor };
  }

  async function get(id: string) {
    // An id no organisation can have is simply not found (DynamoDB refuses over-long keys with a 500).
    if (!isPlausibleId(id)) return undefined;
    const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.organisation(id) }));
    return res.Item ? OrganisationSchema.parse(res.Item) : undefined;
  }

  return {
    get,

    async getMany(ids) {
      const plausible = [...new Set(ids)].filter(isPlausibleId);
      if (!plausible.length) return [];
      return parse(
        await batchGetAll(
          db,
          tableName,
          plausible.map((id) => keys.organisation(id)),
        ),
      );
    },

    async listChildren(parentId, page) {
      const partition = keys.organisationChildrenPartition(parentId);
      return queryPage(
        {
          TableName: tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': partition },
        },
        page,
        { attribute: 'GSI1PK', value: partition },
      );
    },

    async listBelow(ancestorId, page) {
      const partition = keys.organisationsBelowPartition(ancestorId);
      return queryPage(
        { TableName: tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': partition } },
        page,
        { attribute: 'PK', value: partition },
      );
    },

    async searchByName(text, { withinId, kind, limit, cursor }) {
      const needle = text.trim().toLowerCase();
      if (!needle) return { items: [], cursor: null };
      const partition = keys.organisationNamePartition(needle);
      const filters = [withinId ? 'contains(#path, :within)' : undefined, kind ? '#kind = :kind' : undefined].filter(Boolean);
      return queryPage(
        {
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :needle)',
          ...(filters.length
            ? {
                FilterExpression: filters.join(' AND '),
                ExpressionAttributeNames: { ...(withinId ? { '#path': 'path' } : {}), ...(kind ? { '#kind': 'kind' } : {}) },
              }
            : {}),
          ExpressionAttributeValues: {
            ':pk': partition,
            ':needle': needle,
            ...(withinId ? { ':within': withinId } : {}),
            ...(kind ? { ':kind': kind } : {}),
          },
        },
        { limit, cursor },
        { attribute: 'PK', value: partition },
        true,
      );
    },

    async findByName(name) {
      // The whole name is its own first suffix: its index items sort under `{name}#`.
      const lower = name.toLowerCase();
      const res = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :exact)',
          ExpressionAttributeValues: { ':pk': keys.organisationNamePartition(lower), ':exact': `${lower}#` },
          Limit: 20,
        }),
      );
      return parse((res.Items ?? []) as Record<string, unknown>[]).filter((o) => o.name === name);
    },

    async findByCreditCode(creditCode) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.organisationCreditCode(creditCode) }));
      return res.Item ? get(res.Item.orgId as string) : undefined;
    },

    async put(org: Organisation) {
      // The previous version's index items that the new one no longer has (a rename, a new credit code) go in the same transaction.
      const before = await get(org.id);
      const fresh = indexItems(org);
      const freshKeys = new Set(fresh.map((i) => keyOf(i as Key)));
      const stale = (before ? indexItems(before) : [])
        .map((i) => ({ PK: i.PK as string, SK: i.SK as string }))
        .filter((k) => !freshKeys.has(keyOf(k)));
      const { failed } = await transactWrite(db, [
        named('organisation', {
          Put: { TableName: tableName, Item: { ...keys.organisation(org.id), ...keys.organisationChild(org), ...org } },
        }),
        ...fresh.map((Item) =>
          Item.SK === 'ORGCREDIT'
            ? // One organisation per credit code: taken by another is a conflict, never an overwrite.
              named('credit-code', {
                Put: {
                  TableName: tableName,
                  Item,
                  ConditionExpression: 'attribute_not_exists(PK) OR orgId = :id',
                  ExpressionAttributeValues: { ':id': org.id },
                },
              })
            : named('index', { Put: { TableName: tableName, Item } }),
        ),
        ...stale.map((Key) => named('stale-index', { Delete: { TableName: tableName, Key } })),
      ]);
      if (failed === 'credit-code') throw new ConflictError('credit_code_taken', '该统一社会信用代码已登记为其他组织');
      if (failed !== null) throw new ConflictError('conflict');
    },
  };
}

/**
 * Ops only, never on a request path: pages the tenant's `ORG` partition and rewrites each organisation
 * through `put`, so organisations stored before the indexes existed get their children, subtree, name
 * and credit-code items (docs/deploy.md §10b). Idempotent: a second run rewrites the same items.
 */
export async function reindexOrganisations(
  db: DynamoDBDocumentClient,
  tableName: string,
  onPage?: (done: number) => void,
): Promise<number> {
  const repository = createOrganisationRepository(db, tableName);
  let done = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.organisationsPartition() },
        Limit: 100,
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) await repository.put(OrganisationSchema.parse(item));
    done += page.Items?.length ?? 0;
    onPage?.(done);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return done;
}

/** Organisation ids are at most 100 characters (the schemas say so); anything longer names none. */
function isPlausibleId(id: string): boolean {
  return id.length > 0 && id.length <= 100;
}
