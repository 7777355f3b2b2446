import { PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ROLES } from '../../../shared/contract.js';
import { ConflictError } from '../../../shared/errors.js';
import type { AuditEvent } from '../../../shared/records.js';
import type { AccountDirectory, AccountEntry } from '../../ports/accounts.js';
import { auditPut } from './audit.js';
import { translateDynamoError } from './errors.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';

const AccountEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  orgId: z.string(),
  status: z.enum(['creating', 'active']),
  createdAt: z.string(),
  createdBy: z.string(),
});

export function createAccountDirectory(db: DynamoDBDocumentClient, tableName: string): AccountDirectory {
  return {
    /** Step 1 of creating an account: claim the id, so a retry resumes instead of duplicating. */
    async begin(entry: AccountEntry, audit: AuditEvent) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.account(entry.id), ...keys.accountByOrg(entry.orgId, entry.id), ...entry },
                  // A half-created account (IdP call failed) may be taken up again; an active one may not.
                  ConditionExpression: 'attribute_not_exists(PK) OR (#status = :creating AND orgId = :org AND #role = :role)',
                  ExpressionAttributeNames: { '#status': 'status', '#role': 'role' },
                  ExpressionAttributeValues: { ':creating': 'creating', ':org': entry.orgId, ':role': entry.role },
                },
              },
              auditPut(tableName, audit),
            ],
          }),
        );
      } catch (err) {
        const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
        if (reasons?.[0]?.Code === 'ConditionalCheckFailed') throw new ConflictError('account_exists', '该账号已存在');
        translateDynamoError(err);
      }
    },
    async activate(id: string) {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.account(id),
          UpdateExpression: 'SET #status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':active': 'active' },
        }),
      );
    },
    /** The accounts of one organisation. */
    async listForOrg(orgId: string) {
      const items = await queryAll(db, {
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.accountByOrg(orgId, '').GSI1PK },
      });
      return items.map((i) => AccountEntrySchema.parse(i));
    },
    async put(entry: AccountEntry) {
      await db.send(
        new PutCommand({ TableName: tableName, Item: { ...keys.account(entry.id), ...keys.accountByOrg(entry.orgId, entry.id), ...entry } }),
      );
    },
  };
}
