import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Role } from '../../../shared/contract.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';

/**
 * The local OpenID provider's identities (local mode only; in AWS the identity provider holds them).
 * An identity is who signs in, nothing more: what it may do is its account in the directory.
 */
export const LocalIdentitySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  phone: z.string().optional(),
});
export type LocalIdentity = z.infer<typeof LocalIdentitySchema>;

/** A demo account: its local identity plus the directory entry the seed writes for it. */
export interface LocalUser extends LocalIdentity {
  role: Role;
  organisation: string;
  tenant: string;
}

export interface LocalUserRepository {
  list(): Promise<LocalIdentity[]>;
  get(id: string): Promise<LocalIdentity | undefined>;
  put(identity: LocalIdentity): Promise<void>;
}

export function createLocalUserRepository(db: DynamoDBDocumentClient, tableName: string): LocalUserRepository {
  return {
    /** Every local identity, for the provider's login page and GET /v1/dev/users. */
    async list() {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.localUsersPartition() },
      });
      return items.map((i) => LocalIdentitySchema.parse(i));
    },
    async get(id) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.localUser(id) }));
      return res.Item ? LocalIdentitySchema.parse(res.Item) : undefined;
    },
    async put(identity) {
      const { id, name, phone } = LocalIdentitySchema.parse(identity);
      await db.send(new PutCommand({ TableName: tableName, Item: { ...keys.localUser(id), id, name, ...(phone ? { phone } : {}) } }));
    },
  };
}
