import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransferRequestSchema } from '../../../shared/transfers.js';
import type { TransferRequestRepository } from '../../ports/transfers.js';
import { auditPut, putNewWithAudit } from './audit.js';
import { translateDynamoError } from './errors.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';

export function createTransferRequestRepository(db: DynamoDBDocumentClient, tableName: string): TransferRequestRepository {
  const item = (r: Parameters<TransferRequestRepository['create']>[0]) => ({
    ...keys.transferRequest(r.id),
    // Only open requests are in the index: the inbox of the hr office and the current units.
    ...(r.status === 'open' ? keys.openTransferRequest(r.createdAt, r.id) : {}),
    ...r,
  });
  return {
    async create(request, audit) {
      await putNewWithAudit(db, tableName, item(request), audit);
    },
    async get(id) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.transferRequest(id) }));
      return res.Item ? TransferRequestSchema.parse(res.Item) : undefined;
    },
    /** The open requests, oldest first. */
    async listOpen() {
      const items = await queryAll(db, {
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.openTransferRequest('', '').GSI1PK },
      });
      return items.map((i) => TransferRequestSchema.parse(i));
    },
    async resolve(request, expectedVersion, audit) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: item(request),
                  ConditionExpression: '#status = :open AND version = :v',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':open': 'open', ':v': expectedVersion },
                },
              },
              auditPut(tableName, audit),
            ],
          }),
        );
      } catch (err) {
        translateDynamoError(err, '该调入申请已被他人处理，请刷新后重试');
      }
    },
  };
}
