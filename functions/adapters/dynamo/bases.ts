import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ApiKeySummarySchema, TrainingBaseSchema } from '../../../shared/bases.js';
import { ConflictError } from '../../../shared/errors.js';
import type { BaseRepository, StoredApiKey } from '../../ports/bases.js';
import { auditPut } from './audit.js';
import { translateDynamoError, writeIf } from './errors.js';
import { keys } from './keys.js';
import { named, transactWrite } from './transact.js';
import { queryAll } from './query.js';

const StoredApiKeySchema = ApiKeySummarySchema.extend({ hash: z.string().regex(/^[0-9a-f]{64}$/) });
// The local seed writes the demo base and key without some bookkeeping fields.
const StoredBaseSchema = TrainingBaseSchema.extend({ createdAt: z.string().default(''), createdBy: z.string().default('seed') });
const LegacyKeySchema = StoredApiKeySchema.extend({
  status: z.enum(['active', 'revoked']).default('active'),
  createdBy: z.string().default('seed'),
});

function toBaseItem(base: z.infer<typeof TrainingBaseSchema>) {
  return { ...keys.base(base.id), ...keys.baseByName(base.name, base.id), ...base };
}

function toKeyItem(key: StoredApiKey) {
  return { ...keys.apiKey(key.prefix), ...keys.apiKeyByBase(key.baseId, key.prefix), ...key };
}

function parseKey(item: Record<string, unknown>): StoredApiKey {
  return StoredApiKeySchema.parse(LegacyKeySchema.parse(item));
}

export function createBaseRepository(db: DynamoDBDocumentClient, tableName: string): BaseRepository {
  return {
    async create(base, audit) {
      const { failed } = await transactWrite(db, [
        // The credit code item keeps one base per code in a tenant, so re-running ops' loop is harmless.
        named('credit-code', {
          Put: {
            TableName: tableName,
            Item: { ...keys.baseCreditCode(base.creditCode), baseId: base.id },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        }),
        named('base', { Put: { TableName: tableName, Item: toBaseItem(base), ConditionExpression: 'attribute_not_exists(PK)' } }),
        named('audit', auditPut(tableName, audit)),
      ]);
      if (failed === 'credit-code') throw new ConflictError('base_exists', '该统一社会信用代码的施教机构已登记');
      if (failed !== null) throw new ConflictError('conflict');
    },

    async get(id) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.base(id) }));
      return res.Item ? StoredBaseSchema.parse(res.Item) : undefined;
    },

    /** Every base of the tenant, by name: one small GSI partition. */
    async list() {
      const items = await queryAll(db, {
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.basesPartition() },
      });
      return items.map((i) => StoredBaseSchema.parse(i));
    },

    async putKey(key, audit) {
      const { failed } = await transactWrite(db, [
        // A prefix is the key's address: two keys may never share one.
        named('key', { Put: { TableName: tableName, Item: toKeyItem(key), ConditionExpression: 'attribute_not_exists(PK)' } }),
        named('audit', auditPut(tableName, audit)),
      ]);
      if (failed === 'key') return false;
      if (failed !== null) throw new ConflictError('conflict');
      return true;
    },

    async getKey(prefix) {
      // Strongly consistent: a key revoked a moment ago must not open the next request.
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.apiKey(prefix), ConsistentRead: true }));
      return res.Item ? parseKey(res.Item) : undefined;
    },

    /** A base's keys: the base's GSI1 partition, key items only. */
    async listKeys(baseId) {
      const items = await queryAll(db, {
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :k)',
        ExpressionAttributeValues: { ':pk': keys.apiKeysOfBase(baseId), ':k': 'APIKEY#' },
      });
      return items.map(parseKey).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    },

    async revokeKey(key, at, by, audit) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: keys.apiKey(key.prefix),
                  UpdateExpression: 'SET #status = :revoked, revokedAt = :at, revokedBy = :by',
                  // Only an active key can be revoked (the seed's demo key has no status yet: it is active).
                  ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(#status) OR #status = :active)',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':revoked': 'revoked', ':active': 'active', ':at': at, ':by': by },
                },
              },
              auditPut(tableName, audit),
            ],
          }),
        );
      } catch (err) {
        translateDynamoError(err, '该密钥已被吊销');
      }
      return { ...key, status: 'revoked', revokedAt: at, revokedBy: by };
    },

    async touchKey(prefix, at, unlessAfter) {
      await writeIf(() =>
        db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.apiKey(prefix),
            UpdateExpression: 'SET lastUsedAt = :at',
            // At most one write a minute per key: a busy key does not turn every request into a write.
            ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :after)',
            ExpressionAttributeValues: { ':at': at, ':after': unlessAfter },
          }),
        ),
      );
    },
  };
}

/** Local seed only: the demo base as a listed base. */
export async function putSeedBase(db: DynamoDBDocumentClient, tableName: string, base: z.infer<typeof TrainingBaseSchema>) {
  await db.send(new PutCommand({ TableName: tableName, Item: toBaseItem(base) }));
  await db.send(new PutCommand({ TableName: tableName, Item: { ...keys.baseCreditCode(base.creditCode), baseId: base.id } }));
}
