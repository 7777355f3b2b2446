import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { WorkbenchCounts } from '../../ports/workbench.js';
import { keys } from './keys.js';

/** Counts a query's matches page by page with `Select: COUNT`: nothing but the count travels. */
async function count(db: DynamoDBDocumentClient, input: QueryCommandInput): Promise<number> {
  let total = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, Select: 'COUNT', ExclusiveStartKey }));
    total += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey as Record<string, unknown> | undefined;
  } while (ExclusiveStartKey);
  return total;
}

export function createWorkbenchCounts(db: DynamoDBDocumentClient, tableName: string): WorkbenchCounts {
  return {
    /** A state's partition, narrowed to each unit by its sort-key prefix ({unitId}#{id}). */
    async applicationsInState(state, unitIds) {
      const pk = keys.applicationStatePartition(state);
      if (!unitIds) {
        return count(db, {
          TableName: tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk',
          ExpressionAttributeValues: { ':pk': pk },
        });
      }
      const counts = await Promise.all(
        unitIds.map((unitId) =>
          count(db, {
            TableName: tableName,
            IndexName: 'GSI2',
            KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :unit)',
            ExpressionAttributeValues: { ':pk': pk, ':unit': `${unitId}#` },
          }),
        ),
      );
      return counts.reduce((a, b) => a + b, 0);
    },

    async pendingOwnEntries(unitId) {
      return count(db, {
        TableName: tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.ownEntriesPartition(unitId) },
      });
    },

    async submittedBatches() {
      return count(db, {
        TableName: tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.batchStatePartition('submitted') },
      });
    },

    /** The organisation's own imports (tens a year), filtered to the failed ones. */
    async failedImports(orgId) {
      return count(db, {
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        FilterExpression: '#status = :failed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': keys.importsOfOrgPartition(orgId), ':failed': 'failed' },
      });
    },

    /**
     * The unit's notices (tens over the years), the open ones ending by the date: the unit's own index
     * partition, never the city's open notices (issue 19: thousands in a filing window).
     */
    async openNoticesEndingBy(unitId, endDate) {
      return count(db, {
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        FilterExpression: '#status = :open AND endDate <= :end',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': keys.unitNoticesPartition(unitId), ':open': 'open', ':end': endDate },
      });
    },
  };
}
