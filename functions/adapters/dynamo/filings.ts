import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FilingSchema, type Filing } from '../../../shared/filings.js';
import { ConflictError } from '../../../shared/errors.js';
import type { FilingRepository } from '../../ports/filings.js';
import { activityWriteItems } from './activities.js';
import { auditPut, putNewWithAudit } from './audit.js';
import { named, transactWrite } from './transact.js';
import { translateDynamoError } from './errors.js';
import { keys } from './keys.js';
import { queryPage } from './query.js';

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

    /** A unit's filings, newest first; a status filter reads on until the page is full or the unit is exhausted. */
    async listByUnit(unitId, { limit, cursor, status }) {
      const page = await queryPage(
        db,
        tableName,
        { index: 'GSI1', pk: keys.unitTrainingFilingsPartition(unitId) },
        { limit, cursor },
        status ? { filter: { expression: '#status = :status', names: { '#status': 'status' }, values: { ':status': status } } } : {},
      );
      return { items: page.items.map((i) => FilingSchema.parse(i)), cursor: page.cursor };
    },

    /** A department's or hr office's inbox: one status, or all, newest first within each status. */
    async listByRecipient(orgId, { limit, cursor, status }) {
      const page = await queryPage(
        db,
        tableName,
        { index: 'GSI2', pk: keys.trainingFilingInboxPartition(orgId), ...(status ? { skPrefix: `${status}#` } : {}) },
        { limit, cursor },
      );
      return { items: page.items.map((i) => FilingSchema.parse(i)), cursor: page.cursor };
    },

    async creditAttendee({ filingId, activity, audit, openYears }) {
      // Conflicts are retried: two attendees' credits may touch the same person's revision.
      const { failed } = await transactWrite(
        db,
        [
          // One credit per person and filing: a re-uploaded sheet cannot credit anyone twice.
          named('attendee', {
            Put: {
              TableName: tableName,
              Item: { ...keys.trainingFilingAttendee(filingId, activity.personId), recordId: activity.id, at: activity.createdAt },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          }),
          ...activityWriteItems(tableName, activity, { audit, openYears }),
        ],
        { conflictRetries: 4 },
      );
      if (failed === null) return 'saved';
      if (failed === 'attendee') return 'exists';
      if (failed === 'open-year') return 'year_locked';
      throw new ConflictError('conflict');
    },
  };
}
