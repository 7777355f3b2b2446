import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FilingSchema, type Filing } from '../../../shared/filings.js';
import type { FilingRepository } from '../../ports/filings.js';
import { activityWriteItems } from './activities.js';
import { auditPut, putNewWithAudit } from './audit.js';
import { cancellationCodes, withConflictRetry } from './batch.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { translateDynamoError } from './errors.js';
import { keys } from './keys.js';

function toItem(filing: Filing) {
  return {
    ...keys.trainingFiling(filing.id),
    ...keys.trainingFilingByUnit(filing.unitId, filing.filedAt, filing.id),
    // The inbox key carries the status, so "filed, waiting for me" is one key-range read.
    ...keys.trainingFilingInbox(filing.recipientOrgId, filing.status, filing.filedAt, filing.id),
    ...filing,
  };
}

export function createFilingRepository(db: DynamoDBDocumentClient, tableName: string): FilingRepository {
  return {
    async create(filing, audit) {
      await putNewWithAudit(db, tableName, toItem(filing), audit);
    },

    async get(id) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.trainingFiling(id), ConsistentRead: true }));
      return res.Item ? FilingSchema.parse(res.Item) : undefined;
    },

    async transition(filing, next, audit) {
      const updated: Filing = { ...filing, ...next, version: filing.version + 1 };
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: toItem(updated),
                  // The state and version the caller saw: a concurrent decision makes this one a 409.
                  ConditionExpression: '#status = :status AND version = :v',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':status': filing.status, ':v': filing.version },
                },
              },
              auditPut(tableName, audit),
            ],
          }),
        );
      } catch (err) {
        translateDynamoError(err, '该备案已被他人处理，请刷新后重试');
      }
      return updated;
    },

    async addAttendance(filingId, count) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.trainingFiling(filingId),
            UpdateExpression: 'ADD attendanceCount :n',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':n': count },
          }),
        );
      } catch (err) {
        translateDynamoError(err);
      }
    },

    /** A unit's filings, newest first. */
    /** A unit's filings, newest first; a status filter reads on until the page is full or the unit is exhausted. */
    async listByUnit(unitId, { limit, cursor, status }) {
      const partition = keys.unitTrainingFilingsPartition(unitId);
      let startKey = decodeCursor(cursor, { attribute: 'GSI1PK', value: partition });
      const items: Record<string, unknown>[] = [];
      do {
        const res = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'GSI1',
            KeyConditionExpression: 'GSI1PK = :pk',
            ...(status ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } } : {}),
            ExpressionAttributeValues: { ':pk': partition, ...(status ? { ':status': status } : {}) },
            ScanIndexForward: false,
            Limit: limit - items.length,
            ExclusiveStartKey: startKey,
          }),
        );
        items.push(...((res.Items ?? []) as Record<string, unknown>[]));
        startKey = res.LastEvaluatedKey as Record<string, string> | undefined;
      } while (startKey && items.length < limit);
      return { items: items.map((i) => FilingSchema.parse(i)), cursor: encodeCursor(startKey) };
    },

    /** A department's or hr office's inbox: one status, or all, newest first within each status. */
    async listByRecipient(orgId, { limit, cursor, status }) {
      const partition = keys.trainingFilingInboxPartition(orgId);
      const res = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: status ? 'GSI2PK = :pk AND begins_with(GSI2SK, :s)' : 'GSI2PK = :pk',
          ExpressionAttributeValues: { ':pk': partition, ...(status ? { ':s': `${status}#` } : {}) },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, { attribute: 'GSI2PK', value: partition }),
        }),
      );
      return { items: (res.Items ?? []).map((i) => FilingSchema.parse(i)), cursor: encodeCursor(res.LastEvaluatedKey) };
    },

    async creditAttendee({ filingId, activity, audit, openYears }) {
      try {
        await withConflictRetry(() =>
          db.send(
            new TransactWriteCommand({
              TransactItems: [
                // One credit per person and filing: a re-uploaded sheet cannot credit anyone twice.
                {
                  Put: {
                    TableName: tableName,
                    Item: { ...keys.trainingFilingAttendee(filingId, activity.personId), recordId: activity.id, at: activity.createdAt },
                    ConditionExpression: 'attribute_not_exists(PK)',
                  },
                },
                ...activityWriteItems(tableName, activity, { audit, openYears }),
              ],
            }),
          ),
        );
        return 'saved';
      } catch (err) {
        const codes = cancellationCodes(err);
        if (codes?.[0] === 'ConditionalCheckFailed') return 'exists';
        if (codes?.slice(3, 3 + openYears.length).includes('ConditionalCheckFailed')) return 'year_locked';
        translateDynamoError(err);
      }
    },
  };
}
