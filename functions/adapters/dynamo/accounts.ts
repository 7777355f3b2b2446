import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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
  email: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
});

export function createAccountDirectory(db: DynamoDBDocumentClient, tableName: string): AccountDirectory {
  return {
    /** Step 1 of creating an account: claim the id, so a retry resumes instead of duplicating. */
    async begin(entry: AccountEntry, audit: AuditEvent) {
      const existing = await db.send(new GetCommand({ TableName: tableName, Key: keys.account(entry.id), ConsistentRead: true }));
      const email = entry.email ? normaliseSignIn(entry.email) : undefined;
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
              // The sign-in identity is unique across the directory: held by this account id only.
              ...(email
                ? [
                    {
                      Put: {
                        TableName: tableName,
                        Item: { ...keys.accountSignIn(email), accountId: entry.id },
                        ConditionExpression: 'attribute_not_exists(PK) OR accountId = :id',
                        ExpressionAttributeValues: { ':id': entry.id },
                      },
                    },
                  ]
                : []),
            ],
          }),
        );
      } catch (err) {
        const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
        if (reasons?.[0]?.Code === 'ConditionalCheckFailed') throw new ConflictError('account_exists', '该账号已存在');
        if (reasons?.[2]?.Code === 'ConditionalCheckFailed') {
          throw new ConflictError('sign_in_identity_exists', '该登录邮箱已用于其他账号；一人只能有一个账号');
        }
        translateDynamoError(err);
      }
      return existing.Item ? 'resumed' : 'new';
    },
    async abandon(entry: AccountEntry) {
      const email = entry.email ? normaliseSignIn(entry.email) : undefined;
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: tableName,
                Key: keys.account(entry.id),
                ConditionExpression: '#status = :creating',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':creating': 'creating' },
              },
            },
            ...(email
              ? [
                  {
                    Delete: {
                      TableName: tableName,
                      Key: keys.accountSignIn(email),
                      ConditionExpression: 'accountId = :id',
                      ExpressionAttributeValues: { ':id': entry.id },
                    },
                  },
                ]
              : []),
          ],
        }),
      );
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
      if (entry.email) {
        await db.send(new PutCommand({ TableName: tableName, Item: { ...keys.accountSignIn(normaliseSignIn(entry.email)), accountId: entry.id } }));
      }
    },
  };
}

/** E-mail addresses compare case-insensitively (as Cognito's do) and after NFKC. */
function normaliseSignIn(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}
