import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ConflictError } from '../../../shared/errors.js';
import { CompletionResultSchema, PostingSchema, SubmissionSchema, type Posting, type Submission } from '../../../shared/bases.js';
import type { CreditOutcome, CreditWrite, PostingRepository } from '../../ports/bases.js';
import { activityWriteItems } from './activities.js';
import { auditPut } from './audit.js';
import { batchGetAll } from './batch.js';
import { write as translated, writeIf } from './errors.js';
import { keys } from './keys.js';
import { queryPage } from './query.js';
import { named, transactWrite } from './transact.js';

/**
 * Postings of training bases (rules §7). One item per (base, externalId): its conditional put, in the
 * same transaction as the credited activity, makes the pair unique forever and makes a batch that
 * crashed half-way safe to send again — each record lands exactly once, whichever attempt wrote it.
 */
export function postingItem(posting: Posting) {
  return {
    ...keys.posting(posting.baseId, posting.externalId),
    ...keys.postingByBase(posting.baseId, posting.postedAt, posting.externalId),
    // Only unmatched postings are in the ID-number index: registering a person finds exactly those.
    ...(posting.status === 'unmatched' ? keys.unmatchedByIdNumber(posting.record.idNumber, posting.baseId, posting.externalId) : {}),
    ...posting,
  };
}

/** The transaction items of a posting write: the 'posting', then the activity's items or the 'audit'. */
export function postingWriteItems(tableName: string, write: CreditWrite, condition: 'new' | 'unmatched') {
  return [
    named('posting', {
      Put: {
        TableName: tableName,
        Item: postingItem(write.posting),
        ...(condition === 'new'
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : {
              ConditionExpression: '#status = :unmatched',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':unmatched': 'unmatched' },
            }),
      },
    }),
    ...(write.activity
      ? activityWriteItems(tableName, write.activity, { audit: write.audit, openYears: write.openYears })
      : [named('audit', auditPut(tableName, write.audit))]),
  ];
}

const SubmissionItemSchema = SubmissionSchema.omit({ results: true }).extend({ resultsGz: z.instanceof(Uint8Array) });

export function submissionItem(submission: Submission) {
  const { results, ...rest } = submission;
  // Compressed: 500 results with their reasons would otherwise approach DynamoDB's 400 KB item limit.
  return { ...keys.submission(submission.baseId, submission.at, submission.id), ...rest, resultsGz: gzipSync(JSON.stringify(results)) };
}

function parseSubmission(item: Record<string, unknown>): Submission {
  const { resultsGz, ...rest } = SubmissionItemSchema.parse(item);
  const results = z.array(CompletionResultSchema).parse(JSON.parse(gunzipSync(resultsGz).toString('utf8')));
  return { ...rest, results };
}

export function createPostingRepository(db: DynamoDBDocumentClient, tableName: string): PostingRepository {
  async function transact(write: CreditWrite, condition: 'new' | 'unmatched'): Promise<CreditOutcome | 'changed'> {
    // Conflicts are retried: two records of one person in one batch both bump the person's revision.
    const { failed } = await transactWrite(db, postingWriteItems(tableName, write, condition), { conflictRetries: 4 });
    if (failed === null) return 'saved';
    if (failed === 'posting') return condition === 'new' ? 'exists' : 'changed';
    if (failed === 'open-year') return 'year_locked';
    throw new ConflictError('conflict');
  }

  return {
    async getMany(baseId, externalIds) {
      const items = await batchGetAll(
        db,
        tableName,
        externalIds.map((e) => keys.posting(baseId, e)),
        { consistent: true },
      );
      return new Map(items.map((i) => PostingSchema.parse(i)).map((p) => [p.externalId, p]));
    },

    async get(baseId, externalId) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.posting(baseId, externalId), ConsistentRead: true }));
      return res.Item ? PostingSchema.parse(res.Item) : undefined;
    },

    async save(write) {
      return (await transact(write, 'new')) as CreditOutcome;
    },

    async match(write) {
      return transact(write, 'unmatched');
    },

    async flagMatchError(posting) {
      // Resolved meanwhile (credited or matched): the flag has nothing left to say.
      await writeIf(() =>
        db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.posting(posting.baseId, posting.externalId),
            UpdateExpression: 'SET matchError = :e',
            ConditionExpression: '#status = :unmatched',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':e': posting.matchError, ':unmatched': 'unmatched' },
          }),
        ),
      );
    },

    /** The postings waiting for this resident ID, from every base (a handful at most). */
    async listUnmatched(idNumber) {
      const res = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.unmatchedPartition(idNumber) },
        }),
      );
      return (res.Items ?? []).map((i) => PostingSchema.parse(i));
    },

    /** A base's postings, newest first, a page at a time; a status filter reads on until the page is full. */
    async listByBase(baseId, { limit, cursor, status }) {
      const page = await queryPage(
        db,
        tableName,
        { index: 'GSI1', pk: keys.postingsPartition(baseId) },
        { limit, cursor },
        status ? { filter: { expression: '#status = :s', names: { '#status': 'status' }, values: { ':s': status } } } : {},
      );
      return { items: page.items.map((i) => PostingSchema.parse(i)), cursor: page.cursor };
    },

    async putSubmission(submission) {
      await translated(() => db.send(new PutCommand({ TableName: tableName, Item: submissionItem(submission) })));
    },

    async listSubmissions(baseId, page) {
      const res = await queryPage(db, tableName, { pk: keys.base(baseId).PK, skPrefix: 'SUBMISSION#' }, page);
      return { items: res.items.map(parseSubmission), cursor: res.cursor };
    },
  };
}
