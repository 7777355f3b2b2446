import { YearPolicySchema } from '../../../shared/policy.js';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RegistrationBookSchema, type RegistrationBook } from '../../../shared/records.js';
import type { BookRepository } from '../../ports/records.js';
import { auditPut } from './audit.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { translateDynamoError } from './errors.js';
import { keys } from './keys.js';
import { batchGetAll, queryAll } from './query.js';

export function createBookRepository(db: DynamoDBDocumentClient, tableName: string): BookRepository {
  return {
    /** A person's registration book, every year held. */
    async listForPerson(personId) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :b)',
        ExpressionAttributeValues: { ':pk': keys.personPartition(personId), ':b': 'BOOK#' },
        ConsistentRead: true,
      });
      return items.map((i) => parseBook(i)).sort((a, b) => a.year - b.year);
    },

    async get(personId, year) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.book(personId, year), ConsistentRead: true }));
      return res.Item ? parseBook(res.Item) : undefined;
    },

    async getYearForPeople(personIds, year) {
      const items = await batchGetAll(db, tableName, personIds.map((id) => keys.book(id, year)));
      return items.map((i) => parseBook(i));
    },

    async saveResults(personId, unitId, revision, results) {
      for (const r of results) {
        try {
          await db.send(
            new UpdateCommand({
              TableName: tableName,
              Key: keys.book(personId, r.year),
              UpdateExpression:
                'SET personId = :pid, unitId = :unit, #year = :year, #result = :result, rejected = :rejected, ' +
                'pendingCount = :pending, sourceRevision = :rev, GSI1PK = :gpk, GSI1SK = :gsk, #policy = :policy, ' +
                '#status = if_not_exists(#status, :open), version = if_not_exists(version, :zero)',
              // Results are derived data: only a recompute from a newer (or the same) revision may replace them.
              ConditionExpression: 'attribute_not_exists(sourceRevision) OR sourceRevision <= :rev',
              ExpressionAttributeNames: { '#year': 'year', '#result': 'result', '#status': 'status', '#policy': 'policy' },
              ExpressionAttributeValues: {
                ':pid': personId,
                ':unit': unitId,
                ':year': r.year,
                ':result': r.result,
                ':rejected': r.rejected,
                ':pending': r.pendingCount,
                ':policy': r.policy,
                ':rev': revision,
                ':gpk': keys.unitYearPartition(unitId, r.year),
                ':gsk': keys.bookByUnitYear(unitId, r.year, r.result.compliant, personId).GSI1SK,
                ':open': 'open',
                ':zero': 0,
              },
            }),
          );
        } catch (err) {
          // A newer recompute already wrote this year: ours is stale, so skipping it is correct.
          if ((err as { name?: string }).name === 'ConditionalCheckFailedException') continue;
          translateDynamoError(err);
        }
      }
    },

    async transition(book, next, audit) {
      const updated: RegistrationBook = { ...book, ...next, version: book.version + 1 };
      const sets = Object.keys(next).filter((k) => k !== 'version');
      const names = Object.fromEntries(sets.map((k, i) => [`#f${i}`, k]));
      const values = Object.fromEntries(sets.map((k, i) => [`:f${i}`, (next as Record<string, unknown>)[k]]));
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: keys.book(book.personId, book.year),
                  UpdateExpression: `SET ${sets.map((_, i) => `#f${i} = :f${i}`).join(', ')}, version = :next`,
                  // The state and version the caller saw: a concurrent sign-off makes this one a 409.
                  ConditionExpression: '#s = :status AND version = :v',
                  ExpressionAttributeNames: { ...names, '#s': 'status' },
                  ExpressionAttributeValues: { ...values, ':status': book.status, ':v': book.version, ':next': updated.version },
                },
              },
              auditPut(tableName, audit),
            ],
          }),
        );
      } catch (err) {
        translateDynamoError(err, '该年度已被他人处理，请刷新后重试');
      }
      return updated;
    },

    /** A unit-year's books, optionally only the compliant (or short) ones: the dashboard and list filters. */
    async listByUnitYear(unitId, year, { compliant, limit, cursor }) {
      const partition = keys.unitYearPartition(unitId, year);
      const res = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          KeyConditionExpression:
            compliant === undefined ? 'GSI1PK = :pk' : 'GSI1PK = :pk AND begins_with(GSI1SK, :c)',
          ExpressionAttributeValues: { ':pk': partition, ...(compliant === undefined ? {} : { ':c': compliant ? '1#' : '0#' }) },
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, { attribute: 'GSI1PK', value: partition }),
        }),
      );
      return {
        items: (res.Items ?? []).map((i) => parseBook(i)),
        cursor: encodeCursor(res.LastEvaluatedKey),
      };
    },
  };
}

/** A book written under an older shape of the year policy reads as having none: it is recomputed with today's. */
function parseBook(item: Record<string, unknown>) {
  const policy = item.policy === undefined || YearPolicySchema.safeParse(item.policy).success ? {} : { policy: undefined };
  return RegistrationBookSchema.parse({ ...item, ...policy });
}
