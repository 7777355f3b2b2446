import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ExportJobSchema } from '../../../shared/exports.js';
import type { ExportJobRepository, StoredExportJob } from '../../ports/exports.js';
import { putNewWithAudit } from './audit.js';
import { isConditionFailed, translateDynamoError } from './errors.js';
import { keys } from './keys.js';
import { queryIndexPage } from './query.js';

const StoredExportJobSchema = ExportJobSchema.extend({
  version: z.int(),
  runId: z.string().optional(),
  heartbeatAt: z.string().optional(),
});

export function createExportJobRepository(db: DynamoDBDocumentClient, tableName: string): ExportJobRepository {
  return {
    async create(job, audit) {
      await putNewWithAudit(
        db,
        tableName,
        { ...keys.exportJob(job.id), ...keys.exportByOrg(job.ownerOrgId, job.createdAt, job.id), ...job },
        audit,
      );
    },

    async get(id) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.exportJob(id), ConsistentRead: true }));
      return res.Item ? parse(res.Item) : undefined;
    },

    /** An organisation's exports, newest first (the export screen's list). */
    async listByOwnerOrg(orgId, { limit, cursor }) {
      const page = await queryIndexPage(db, tableName, keys.exportsOfOrgPartition(orgId), { limit, cursor });
      return { items: page.items.map(parse), cursor: page.cursor };
    },

    async update(id, changes, expect) {
      const names: Record<string, string> = { '#version': 'version' };
      const values: Record<string, unknown> = { ':one': 1 };
      const sets: string[] = ['#version = #version + :one'];
      const removes: string[] = [];
      Object.entries(changes).forEach(([k, v], i) => {
        if (k === 'version') return;
        names[`#u${i}`] = k;
        if (v === undefined) removes.push(`#u${i}`);
        else {
          values[`:u${i}`] = v;
          sets.push(`#u${i} = :u${i}`);
        }
      });
      // A claim needs the job as the claimer read it; a run's own writes need the run to still hold it.
      const byVersion = 'version' in expect;
      if (byVersion) values[':v'] = expect.version;
      else values[':run'] = expect.runId;
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.exportJob(id),
            UpdateExpression: `SET ${sets.join(', ')}` + (removes.length ? ` REMOVE ${removes.join(', ')}` : ''),
            ConditionExpression: byVersion ? '#version = :v' : 'runId = :run',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
        return true;
      } catch (err) {
        if (isConditionFailed(err)) return false;
        translateDynamoError(err);
      }
    },
  };
}

function parse(item: Record<string, unknown>): StoredExportJob {
  return StoredExportJobSchema.parse(item);
}
