import type { AuditEvent } from '../../../shared/records.js';
import { AuditEventSchema } from '../../../shared/records.js';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditRepository } from '../../ports/records.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';

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
  };
}
