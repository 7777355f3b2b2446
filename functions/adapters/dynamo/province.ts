import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TenantCode } from '../../../shared/contract.js';
import { ProvinceRecordSchema, type ProvinceRecord } from '../../../shared/province.js';
import type { ForwardedBaseLookup, ProvinceRecordRepository, RoutingDirectory } from '../../ports/province.js';
import { batchGetAll } from './batch.js';
import { isConditionFailed, translateDynamoError } from './errors.js';
import { keys } from './keys.js';
import { queryIndexPage, queryPage } from './query.js';

/**
 * Keys of the province stack's table (same TABLE shape as a tenant's: shared/contract.ts). The base
 * register, its API keys, idempotency records and rate windows use the tenant keys (keys.ts) on this
 * table; these are the province's own entities.
 *
 * | entity          | PK                         | SK    | GSI1PK / GSI1SK                          | GSI2PK / GSI2SK (sparse)                         | question it answers |
 * |-----------------|----------------------------|-------|------------------------------------------|--------------------------------------------------|---------------------|
 * | province record | PREC#{baseId}#{externalId} | PREC  | PRECS#{baseId} / {postedAt}#{externalId} | PWAIT / {idHash}#{baseId}#{externalId} (waiting) or PSENT / {sentAt}#{baseId}#{externalId} (sent) | is this externalId taken (forever)? a base's records, newest first; the held records of an ID hash; every held record; receipts overdue |
 * | directory entry | DIR#{idHash}               | DIR   | —                                        | —                                                | in which tenant is this person registered now? |
 *
 * The waiting records share one GSI2 partition on purpose: the sweeper reads them all, and the
 * directory reads one ID hash's by prefix. Records leave it when routed, so it holds the held ones
 * (few) and, for seconds, a batch on its way.
 */
export const provinceKeys = {
  record: (baseId: string, externalId: string) => ({ PK: `PREC#${baseId}#${externalId}`, SK: 'PREC' }),
  recordByBase: (baseId: string, postedAt: string, externalId: string) => ({
    GSI1PK: `PRECS#${baseId}`,
    GSI1SK: `${postedAt}#${externalId}`,
  }),
  recordsOfBase: (baseId: string) => `PRECS#${baseId}`,
  waiting: (idHash: string, baseId: string, externalId: string) => ({ GSI2PK: 'PWAIT', GSI2SK: `${idHash}#${baseId}#${externalId}` }),
  waitingPartition: () => 'PWAIT',
  sent: (sentAt: string, baseId: string, externalId: string) => ({ GSI2PK: 'PSENT', GSI2SK: `${sentAt}#${baseId}#${externalId}` }),
  sentPartition: () => 'PSENT',
  directory: (idHash: string) => ({ PK: `DIR#${idHash}`, SK: 'DIR' }),
};

function toItem(r: ProvinceRecord) {
  return {
    ...provinceKeys.record(r.baseId, r.externalId),
    ...provinceKeys.recordByBase(r.baseId, r.postedAt, r.externalId),
    ...(r.state === 'waiting' ? provinceKeys.waiting(r.idHash, r.baseId, r.externalId) : {}),
    ...(r.state === 'sent' && r.sentAt ? provinceKeys.sent(r.sentAt, r.baseId, r.externalId) : {}),
    ...r,
  };
}

const parse = (item: Record<string, unknown>) => ProvinceRecordSchema.parse(item);

export function createProvinceRecordRepository(db: DynamoDBDocumentClient, tableName: string): ProvinceRecordRepository {
  return {
    async getMany(baseId, externalIds) {
      const items = await batchGetAll(
        db,
        tableName,
        externalIds.map((e) => provinceKeys.record(baseId, e)),
        { consistent: true },
      );
      return new Map(items.map((i) => parse(i)).map((r) => [r.externalId, r]));
    },

    async get(baseId, externalId) {
      const res = await db.send(
        new GetCommand({ TableName: tableName, Key: provinceKeys.record(baseId, externalId), ConsistentRead: true }),
      );
      return res.Item ? parse(res.Item) : undefined;
    },

    async create(record) {
      try {
        // The conditional put is what keeps (base, externalId) unique forever, as in a tenant's table.
        await db.send(new PutCommand({ TableName: tableName, Item: toItem(record), ConditionExpression: 'attribute_not_exists(PK)' }));
        return 'saved';
      } catch (err) {
        if (isConditionFailed(err)) return 'exists';
        translateDynamoError(err);
      }
    },

    async markSent(record, tenant, at) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: provinceKeys.record(record.baseId, record.externalId),
            UpdateExpression:
              'SET #state = :sent, tenant = :tenant, sentAt = :at, sends = if_not_exists(sends, :zero) + :one, GSI2PK = :pk, GSI2SK = :sk',
            // Only from waiting: two routers racing (intake and directory event) hand it over once.
            ConditionExpression: '#state = :waiting',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':sent': 'sent',
              ':waiting': 'waiting',
              ':tenant': tenant,
              ':at': at,
              ':zero': 0,
              ':one': 1,
              ...prefixed(provinceKeys.sent(at, record.baseId, record.externalId)),
            },
          }),
        );
        return true;
      } catch (err) {
        if (isConditionFailed(err)) return false;
        translateDynamoError(err);
      }
    },

    async markResent(record, at) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: provinceKeys.record(record.baseId, record.externalId),
            UpdateExpression: 'SET sentAt = :at, sends = sends + :one, GSI2PK = :pk, GSI2SK = :sk',
            ConditionExpression: '#state = :sent',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':sent': 'sent',
              ':at': at,
              ':one': 1,
              ...prefixed(provinceKeys.sent(at, record.baseId, record.externalId)),
            },
          }),
        );
      } catch (err) {
        if (isConditionFailed(err)) return;
        translateDynamoError(err);
      }
    },

    async applyReceipt(receipt) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: provinceKeys.record(receipt.provinceBaseId, receipt.externalId),
            UpdateExpression:
              'SET #state = :delivered, deliveredAt = :at, cityStatus = :status, cityRecordId = :cityId, credited = :credited' +
              (receipt.activityStatus ? ', activityStatus = :as' : '') +
              ' REMOVE GSI2PK, GSI2SK',
            // Only the tenant it was sent to may answer for it, and a later receipt may update an earlier one
            // (the city matched it after a name check): the record's id guards against a reused externalId.
            ConditionExpression: 'id = :id AND tenant = :tenant AND #state IN (:sent, :delivered)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':delivered': 'delivered',
              ':sent': 'sent',
              ':id': receipt.provinceRecordId,
              ':tenant': receipt.tenant,
              ':at': receipt.at,
              ':status': receipt.status,
              ':cityId': receipt.cityRecordId,
              ':credited': receipt.credited,
              ...(receipt.activityStatus ? { ':as': receipt.activityStatus } : {}),
            },
          }),
        );
        return true;
      } catch (err) {
        if (isConditionFailed(err)) return false;
        translateDynamoError(err);
      }
    },

    async listWaiting(idHash) {
      const items: ProvinceRecord[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const res = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'GSI2',
            KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :hash)',
            ExpressionAttributeValues: { ':pk': provinceKeys.waitingPartition(), ':hash': `${idHash}#` },
            ExclusiveStartKey,
          }),
        );
        items.push(...(res.Items ?? []).map(parse));
        ExclusiveStartKey = res.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    },

    async listAllWaiting(page) {
      const res = await queryPage(db, tableName, { index: 'GSI2', pk: provinceKeys.waitingPartition() }, page, { forward: true });
      return { items: res.items.map(parse), cursor: res.cursor };
    },

    async listSentBefore(before, limit) {
      const res = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK < :before',
          ExpressionAttributeValues: { ':pk': provinceKeys.sentPartition(), ':before': before },
          Limit: limit,
        }),
      );
      return (res.Items ?? []).map(parse);
    },

    async listByBase(baseId, { limit, cursor }) {
      // The cursor must belong to this base's partition: a base cannot page through another's records.
      const page = await queryIndexPage(db, tableName, provinceKeys.recordsOfBase(baseId), { limit, cursor });
      return { items: page.items.map(parse), cursor: page.cursor };
    },
  };
}

function prefixed(index: { GSI2PK: string; GSI2SK: string }) {
  return { ':pk': index.GSI2PK, ':sk': index.GSI2SK };
}

export function createRoutingDirectory(db: DynamoDBDocumentClient, tableName: string): RoutingDirectory {
  return {
    async apply(event) {
      try {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...provinceKeys.directory(event.idHash), tenant: event.tenant, at: event.at },
            // Latest registration wins: events from two tenants' queues may arrive in any order.
            ConditionExpression: 'attribute_not_exists(PK) OR #at < :at',
            ExpressionAttributeNames: { '#at': 'at' },
            ExpressionAttributeValues: { ':at': event.at },
          }),
        );
        return true;
      } catch (err) {
        if (isConditionFailed(err)) return false;
        translateDynamoError(err);
      }
    },

    async lookup(idHashes) {
      const items = await batchGetAll(
        db,
        tableName,
        idHashes.map((h) => provinceKeys.directory(h)),
        { consistent: true },
      );
      return new Map(items.map((i) => [String(i.PK).slice('DIR#'.length), i.tenant as TenantCode]));
    },
  };
}

/** Tenant side: the base holding a credit code, by the item that keeps credit codes unique (keys.baseCreditCode). */
export function createForwardedBaseLookup(db: DynamoDBDocumentClient, tableName: string): ForwardedBaseLookup {
  return {
    async idByCreditCode(creditCode) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.baseCreditCode(creditCode), ConsistentRead: true }));
      return typeof res.Item?.baseId === 'string' ? res.Item.baseId : undefined;
    },
  };
}
