import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EvidenceFileSchema } from '../../../shared/evidence-files.js';
import type { EvidenceFileRepository } from '../../ports/evidence.js';
import { auditPut, putNewWithAudit } from './audit.js';
import { translateDynamoError } from './errors.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';

export function createEvidenceFileRepository(db: DynamoDBDocumentClient, tableName: string): EvidenceFileRepository {
  return {
    /**
     * A person's files, every status: one partition. Per-activity lists filter this in memory,
     * because a person has dozens of files, not thousands, and the SK stays `FILE#{fileId}` so the
     * S3 event (which only knows the key) finds a file with one GetItem.
     */
    async listForPerson(personId) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :f)',
        ExpressionAttributeValues: { ':pk': keys.personPartition(personId), ':f': 'FILE#' },
        ConsistentRead: true,
      });
      return items.map((i) => EvidenceFileSchema.parse(i));
    },

    async get(personId, fileId) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.evidenceFile(personId, fileId), ConsistentRead: true }));
      return res.Item ? EvidenceFileSchema.parse(res.Item) : undefined;
    },

    async create(file, audit) {
      await putNewWithAudit(db, tableName, { ...keys.evidenceFile(file.personId, file.id), ...file }, audit);
    },

    async settle(file, expectedVersion, audit, expectedStatus = 'pending') {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.evidenceFile(file.personId, file.id), ...file },
                  // A verdict is final: only a still-pending file at the version the checker read takes one
                  // (or an accepted one whose object was written over afterwards: verify-evidence.ts).
                  ConditionExpression: 'attribute_exists(PK) AND #status = :expected AND version = :v',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':expected': expectedStatus, ':v': expectedVersion },
                },
              },
              auditPut(tableName, audit),
            ],
          }),
        );
      } catch (err) {
        translateDynamoError(err);
      }
    },
  };
}
