import type { AuditEvent } from '../../../shared/records.js';
import { AuditEventSchema } from '../../../shared/records.js';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditRepository } from '../../ports/records.js';
import { keys } from './keys.js';
import { translateDynamoError } from './errors.js';
import { queryAll } from './query.js';
import { named, transactOrConflict } from './transact.js';

/**
 * An audit event as a transaction item. `attribute_not_exists` makes it append-only at the storage
 * level: no code path can overwrite an event, and no route deletes one.
 */
export function auditPut(tableName: string, event: AuditEvent) {
  return {
    Put: {
      TableName: tableName,
      Item: { ...keys.audit(event.entity, event.entityId, event.at, event.id), ...event },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** A new item and its audit event in one transaction; an item already there is a 409 (translated). */
export async function putNewWithAudit(
  db: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
  audit: AuditEvent,
): Promise<void> {
  await transactOrConflict(db, [
    named('item', { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } }),
    named('audit', auditPut(tableName, audit)),
  ]);
}

export function createAuditRepository(db: DynamoDBDocumentClient, tableName: string): AuditRepository {
  return {
    /** The history of one entity, oldest first. */
    async listFor(entity, entityId) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.auditPartition(entity, entityId) },
      });
      return items.map((i) => AuditEventSchema.parse(i));
    },
    async append(event) {
      try {
        await db.send(new PutCommand(auditPut(tableName, event).Put));
      } catch (err) {
        translateDynamoError(err);
      }
    },
  };
}
