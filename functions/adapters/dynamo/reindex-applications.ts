import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ApplicationSchema } from '../../../shared/applications.js';
import { ApplicationStateSchema } from '../../../shared/workflow.js';
import { applicationItem } from './certification.js';
import { keys } from './keys.js';

/**
 * Writes the department-inbox keys (GSI3, issue 19) onto applications stored before them: every
 * application is in exactly one state partition of GSI2, so paging those finds them all. Each rewrite
 * is conditioned on the version read, so an application that moved meanwhile (and got its keys from
 * that write) is left alone. Safe to run again.
 */
export async function reindexApplications(db: DynamoDBDocumentClient, tableName: string, onPage?: (done: number) => void): Promise<number> {
  let done = 0;
  for (const state of ApplicationStateSchema.options) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.applicationStatePartition(state) },
          Limit: 100,
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const app = ApplicationSchema.parse(item);
        if (!app.route.departmentId || item.GSI3PK) continue;
        try {
          await db.send(
            new PutCommand({
              TableName: tableName,
              // Every attribute it holds, plus the keys the current release writes.
              Item: { ...item, ...applicationItem(app) },
              ConditionExpression: 'version = :version',
              ExpressionAttributeValues: { ':version': app.version },
            }),
          );
          done++;
        } catch (err) {
          if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
        }
      }
      onPage?.(done);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  return done;
}
