import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { AccountSchema } from '../../../shared/accounts.js';
import { ConflictError } from '../../../shared/errors.js';
import type { AuditEvent } from '../../../shared/records.js';
import { type AccountDirectory, type AccountEntry, type StoredInvitation } from '../../ports/accounts.js';
import { auditPut } from './audit.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';
import { named, transactWrite, type TransactItem } from './transact.js';

/** The stored account: what the portal lists (shared/accounts.ts) and the bound identity, never listed. */
const AccountEntrySchema = AccountSchema.extend({
  email: z.string().optional(),
  subject: z.string().optional(),
  issuer: z.string().optional(),
});

const InvitationItemSchema = z.object({ codeHash: z.string(), accountId: z.string(), invitationEnds: z.string() });

/** The directory's fields of an item (keys and the invitation's hash stripped). */
function entryOf(item: Record<string, unknown>): AccountEntry {
  return AccountEntrySchema.parse(item);
}

export function createAccountDirectory(db: DynamoDBDocumentClient, tableName: string): AccountDirectory {
  return {
    /** Step 1 of creating an account: claim the id, so a retry resumes instead of duplicating. */
    async begin(entry: AccountEntry, audit: AuditEvent) {
      const existing = await db.send(new GetCommand({ TableName: tableName, Key: keys.account(entry.id), ConsistentRead: true }));
      const email = entry.email ? normaliseSignIn(entry.email) : undefined;
      const { failed } = await transactWrite(db, [
        named('account', {
          Put: {
            TableName: tableName,
            Item: { ...keys.account(entry.id), ...keys.accountByOrg(entry.orgId, entry.id), ...entry },
            // A half-created account (IdP call failed) may be taken up again; an active one may not.
            ConditionExpression: 'attribute_not_exists(PK) OR (#status = :creating AND orgId = :org AND #role = :role)',
            ExpressionAttributeNames: { '#status': 'status', '#role': 'role' },
            ExpressionAttributeValues: { ':creating': 'creating', ':org': entry.orgId, ':role': entry.role },
          },
        }),
        named('audit', auditPut(tableName, audit)),
        // The sign-in identity is unique across the directory: held by this account id only.
        ...(email
          ? [
              named('sign-in', {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.accountSignIn(email), accountId: entry.id },
                  ConditionExpression: 'attribute_not_exists(PK) OR accountId = :id',
                  ExpressionAttributeValues: { ':id': entry.id },
                },
              }),
            ]
          : []),
      ]);
      if (failed === 'account') throw new ConflictError('account_exists', '该账号已存在');
      if (failed === 'sign-in') throw new ConflictError('sign_in_identity_exists', '该登录邮箱已用于其他账号；一人只能有一个账号');
      if (failed !== null) throw new ConflictError('conflict');
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
    async invite(id, invitation, audit) {
      const current = await db.send(new GetCommand({ TableName: tableName, Key: keys.account(id), ConsistentRead: true }));
      const previous = (current.Item as { invitationHash?: string } | undefined)?.invitationHash;
      await transact(
        {
          Update: {
            TableName: tableName,
            Key: keys.account(id),
            // Only an account nobody has signed in to yet takes an invitation.
            ConditionExpression: '#status IN (:creating, :invited)',
            UpdateExpression: 'SET #status = :invited, invitationHash = :hash, invitationExpiresAt = :ends',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':creating': 'creating',
              ':invited': 'invited',
              ':hash': invitation.codeHash,
              ':ends': invitation.expiresAt,
            },
          },
        },
        [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.invitation(invitation.codeHash),
                codeHash: invitation.codeHash,
                accountId: id,
                invitationEnds: invitation.expiresAt,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          ...(previous && previous !== invitation.codeHash ? [{ Delete: { TableName: tableName, Key: keys.invitation(previous) } }] : []),
          auditPut(tableName, audit),
        ],
        'invitation_not_allowed',
        '该账号已绑定登录身份，无需邀请',
      );
    },
    async revokeInvitation(id, audit) {
      const current = await db.send(new GetCommand({ TableName: tableName, Key: keys.account(id), ConsistentRead: true }));
      const previous = (current.Item as { invitationHash?: string } | undefined)?.invitationHash;
      await transact(
        {
          Update: {
            TableName: tableName,
            Key: keys.account(id),
            ConditionExpression: '#status = :invited',
            UpdateExpression: 'REMOVE invitationHash, invitationExpiresAt',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':invited': 'invited' },
          },
        },
        [...(previous ? [{ Delete: { TableName: tableName, Key: keys.invitation(previous) } }] : []), auditPut(tableName, audit)],
        'invitation_not_allowed',
        '该账号没有待接受的邀请',
      );
    },
    async findInvitation(codeHash) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.invitation(codeHash), ConsistentRead: true }));
      if (!res.Item) return undefined;
      const item = InvitationItemSchema.parse(res.Item);
      return { codeHash: item.codeHash, accountId: item.accountId, expiresAt: item.invitationEnds };
    },
    async bind(invitation: StoredInvitation, identity, at, audit) {
      const { failed, failures } = await transactWrite(db, [
        named('account', {
          Update: {
            TableName: tableName,
            Key: keys.account(invitation.accountId),
            // Still waiting, and for this very invitation (a re-issued one voids the old code).
            ConditionExpression: '#status = :invited AND invitationHash = :hash',
            UpdateExpression:
              'SET #status = :active, subject = :sub, issuer = :iss, boundAt = :at REMOVE invitationHash, invitationExpiresAt',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':invited': 'invited',
              ':active': 'active',
              ':hash': invitation.codeHash,
              ':sub': identity.subject,
              ':iss': identity.issuer,
              ':at': at,
            },
          },
        }),
        // One identity, one account (rules §6): the subject is held by one account only.
        named('subject', {
          Put: {
            TableName: tableName,
            Item: { ...keys.accountSubject(identity.subject), accountId: invitation.accountId, issuer: identity.issuer },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        }),
        named('invitation', { Delete: { TableName: tableName, Key: keys.invitation(invitation.codeHash) } }),
        named('audit', auditPut(tableName, audit)),
      ]);
      // Checked first: a subject bound elsewhere is the clearer answer when the invitation is also gone.
      if (failures.includes('subject')) throw new ConflictError('identity_has_account', '该登录身份已绑定其他账号；一人只能有一个账号');
      if (failed === 'account') throw new ConflictError('invitation_used', '邀请码已失效，请联系管理员重新发放');
      if (failed !== null) throw new ConflictError('conflict');
    },
    async setStatus(id, status, audit) {
      await transact(
        {
          Update: {
            TableName: tableName,
            Key: keys.account(id),
            // Disabling works at any stage after creation; enabling only brings back a bound account.
            ConditionExpression:
              status === 'disabled' ? '#status IN (:invited, :active)' : '#status = :disabled AND attribute_exists(subject)',
            UpdateExpression: 'SET #status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': status,
              ...(status === 'disabled' ? { ':invited': 'invited', ':active': 'active' } : { ':disabled': 'disabled' }),
            },
          },
        },
        [auditPut(tableName, audit)],
        'status_not_allowed',
        status === 'disabled' ? '该账号无法停用' : '只有已绑定身份的停用账号可以恢复',
      );
    },
    async get(id) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.account(id), ConsistentRead: true }));
      return res.Item ? entryOf(res.Item) : undefined;
    },
    async findBySubject(subject) {
      const binding = await db.send(new GetCommand({ TableName: tableName, Key: keys.accountSubject(subject) }));
      const accountId = (binding.Item as { accountId?: string } | undefined)?.accountId;
      if (!accountId) return undefined;
      // Consistent: a disabled account is refused from the next request on, not after replication.
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.account(accountId), ConsistentRead: true }));
      return res.Item ? entryOf(res.Item) : undefined;
    },
    /** The accounts of one organisation. */
    async listForOrg(orgId: string) {
      const items = await queryAll(db, {
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.accountByOrg(orgId, '').GSI1PK },
      });
      return items.map(entryOf);
    },
    async put(entry: AccountEntry) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.account(entry.id), ...keys.accountByOrg(entry.orgId, entry.id), ...entry },
        }),
      );
      if (entry.email) {
        await db.send(
          new PutCommand({ TableName: tableName, Item: { ...keys.accountSignIn(normaliseSignIn(entry.email)), accountId: entry.id } }),
        );
      }
      if (entry.subject) {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.accountSubject(entry.subject), accountId: entry.id, issuer: entry.issuer },
          }),
        );
      }
    },
  };

  /** A change of the account item and the items that go with it: the account's condition failing is the given 409. */
  async function transact(account: TransactItem, related: TransactItem[], code: string, message: string) {
    const { failed } = await transactWrite(db, [named('account', account), ...related.map((item) => named('related', item))]);
    if (failed === 'account') throw new ConflictError(code, message);
    if (failed !== null) throw new ConflictError('conflict');
  }
}

/** E-mail addresses compare case-insensitively (as Cognito's do) and after NFKC. */
function normaliseSignIn(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}
