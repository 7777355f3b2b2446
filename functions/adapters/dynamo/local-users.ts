import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ROLES } from '../../../shared/contract.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';

/** The built-in issuer's user store (local mode only; in AWS the identity provider holds users). */
export const LocalUserSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  role: z.enum(ROLES),
  organisation: z.string().min(1),
  tenant: z.string().min(1),
});
export type LocalUser = z.infer<typeof LocalUserSchema>;

export interface LocalUserRepository {
  list(): Promise<LocalUser[]>;
  get(id: string): Promise<LocalUser | undefined>;
  put(user: LocalUser): Promise<void>;
}

export function createLocalUserRepository(db: DynamoDBDocumentClient, tableName: string): LocalUserRepository {
  return {
    /** Every demo account, for the login page and GET /v1/dev/users. */
    async list() {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.localUsersPartition() },
      });
      return items.map((i) => LocalUserSchema.parse(i));
    },
    async get(id) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.localUser(id) }));
      return res.Item ? LocalUserSchema.parse(res.Item) : undefined;
    },
    async put(user) {
      await db.send(new PutCommand({ TableName: tableName, Item: { ...keys.localUser(user.id), ...user } }));
    },
  };
}
