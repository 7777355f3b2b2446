import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { OrganisationSchema, type Organisation } from '../../../shared/organisation.js';
import type { OrganisationRepository } from '../../ports/organisations.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';

export function createOrganisationRepository(db: DynamoDBDocumentClient, tableName: string): OrganisationRepository {
  return {
    /** The whole tree of the tenant: one partition, read in full (it stays small). */
    async listAll() {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.organisationsPartition() },
      });
      return items.map((item) => OrganisationSchema.parse(item));
    },
    async put(org: Organisation) {
      await db.send(new PutCommand({ TableName: tableName, Item: { ...keys.organisation(org.id), ...org } }));
    },
  };
}
