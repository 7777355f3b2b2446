import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ActivityRecordSchema, type ActivityRecord, type AuditEvent } from '../../../shared/records.js';
import type { ActivityRepository } from '../../ports/records.js';
import { auditPut } from './audit.js';
import { keys } from './keys.js';
import { queryAll, queryPage } from './query.js';
import { named, transactOrConflict } from './transact.js';

export function createActivityRepository(db: DynamoDBDocumentClient, tableName: string): ActivityRepository {
  return {
    /** All of a person's activities, every status: one partition, a few dozen items. */
    async listForPerson(personId) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :a)',
        ExpressionAttributeValues: { ':pk': keys.personPartition(personId), ':a': 'ACT#' },
        ConsistentRead: true,
      });
      return items.map((i) => ActivityRecordSchema.parse(i));
    },

    async get(personId, activityId) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.activity(personId, activityId), ConsistentRead: true }));
      return res.Item ? ActivityRecordSchema.parse(res.Item) : undefined;
    },

    /** A unit's own entries waiting for acceptance (rules §6), oldest first: the unit's work list. */
    async listPendingOwnEntries(unitId, page) {
      const res = await queryPage(db, tableName, { index: 'GSI2', pk: keys.ownEntriesPartition(unitId) }, page, { forward: true });
      return { items: res.items.map((i) => ActivityRecordSchema.parse(i)), cursor: res.cursor };
    },

    async save(record, options) {
      await transactOrConflict(db, activityWriteItems(tableName, record, options));
    },
  };
}

/**
 * The items of an activity write, named: the record ('activity'), the person's revision bump
 * ('person-revision'), one 'open-year' check per year and the audit event ('audit'). Exported so
 * writes that must land together with an activity (a base posting, a filing's attendee) use the very
 * same items and conditions in their own transaction, and read its failure by the same names.
 */
export function activityWriteItems(
  tableName: string,
  record: ActivityRecord,
  { expectedVersion, audit, openYears }: { expectedVersion?: number; audit: AuditEvent; openYears: number[] },
) {
  return [
    named('activity', {
      Put: {
        TableName: tableName,
        Item: {
          ...keys.activity(record.personId, record.id),
          ...record,
          // In the unit's work list only while it waits: accepting or withdrawing it (a Put) drops the index keys.
          ...(record.source === 'person_entry' && record.status === 'pending'
            ? { GSI2PK: keys.ownEntriesPartition(record.unitId), GSI2SK: `${record.createdAt}#${record.personId}#${record.id}` }
            : {}),
        },
        // New: must not exist. Edit: the version the editor saw must still be current.
        ConditionExpression: expectedVersion === undefined ? 'attribute_not_exists(PK)' : 'attribute_exists(PK) AND version = :v',
        ...(expectedVersion === undefined ? {} : { ExpressionAttributeValues: { ':v': expectedVersion } }),
      },
    }),
    named('person-revision', {
      // Bumping the revision tells a concurrent book recompute its input is stale.
      Update: {
        TableName: tableName,
        Key: keys.person(record.personId),
        UpdateExpression: 'ADD activityRevision :one',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':one': 1 },
      },
    }),
    // A year confirmed between our read and this write must fail the write (it would land as pending).
    ...openYears.map((year) =>
      named('open-year', {
        ConditionCheck: {
          TableName: tableName,
          Key: keys.book(record.personId, year),
          ConditionExpression: 'attribute_not_exists(PK) OR #status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':open': 'open' },
        },
      }),
    ),
    named('audit', auditPut(tableName, audit)),
  ];
}
