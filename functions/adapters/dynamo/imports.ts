import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ImportStatusSchema } from '../../../shared/imports.js';
import type { AuditEvent } from '../../../shared/records.js';
import type { ImportChunk, ImportRecord, ImportRepository } from '../../ports/imports.js';
import { auditPut, putNewWithAudit } from './audit.js';
import { ConflictError } from '../../../shared/errors.js';
import { batchWriteAll, putRequests } from './batch.js';
import { writeIf } from './errors.js';
import { named, transactWrite } from './transact.js';
import { keys } from './keys.js';
import { queryIndexPage } from './query.js';

const ImportRecordSchema = ImportStatusSchema.extend({ runId: z.string().optional() });

/**
 * Chunks hold the validated rows so that a resume or a rollback needs nothing but the import id: the
 * file itself is not kept. Their shape is written and read only here and by the use-case, which
 * built it, so it is stored as given and not re-validated field by field.
 */
const ChunkItemSchema = z.object({ index: z.int(), type: z.enum(['people', 'history']), committedAt: z.string().optional() }).loose();

function statusItem(record: ImportRecord) {
  return {
    ...keys.importStatus(record.id),
    ...keys.importByOrg(record.orgId, record.createdAt, record.id),
    ...record,
  };
}

/** `SET a = :a, …` and `REMOVE b` from a partial record: undefined means remove. */
function updateParts(changes: Record<string, unknown>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  Object.entries(changes).forEach(([k, v], i) => {
    names[`#u${i}`] = k;
    if (v === undefined) removes.push(`#u${i}`);
    else {
      values[`:u${i}`] = v;
      sets.push(`#u${i} = :u${i}`);
    }
  });
  return { names, values, sets, removes };
}

export function createImportRepository(db: DynamoDBDocumentClient, tableName: string): ImportRepository {
  return {
    async create(record, audit) {
      await putNewWithAudit(db, tableName, statusItem(record), audit);
    },

    async get(id) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.importStatus(id), ConsistentRead: true }));
      return res.Item ? ImportRecordSchema.parse(res.Item) : undefined;
    },

    /** An organisation's imports, newest first (the import screen's list). */
    async listByOrg(orgId, { limit, cursor }) {
      const page = await queryIndexPage(db, tableName, keys.importsOfOrgPartition(orgId), { limit, cursor });
      return { items: page.items.map((i) => ImportRecordSchema.parse(i)), cursor: page.cursor };
    },

    async saveChunks(importId, chunks) {
      await batchWriteAll(db, tableName, putRequests(chunks.map((chunk) => ({ ...keys.importChunk(importId, chunk.index), ...chunk }))));
    },

    async getChunk(importId, index) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.importChunk(importId, index), ConsistentRead: true }));
      if (!res.Item) return undefined;
      const { PK: _pk, SK: _sk, ...chunk } = ChunkItemSchema.parse(res.Item);
      return chunk as unknown as ImportChunk;
    },

    async update(id, changes, expect, audit?: AuditEvent) {
      const { names, values, sets, removes } = updateParts(changes as Record<string, unknown>);
      const byVersion = 'version' in expect;
      const update = {
        TableName: tableName,
        Key: keys.importStatus(id),
        UpdateExpression:
          `SET ${[...sets, '#version = #version + :one'].join(', ')}` + (removes.length ? ` REMOVE ${removes.join(', ')}` : ''),
        // A claim needs the record as the claimer read it; a run's own updates need the run to still hold it.
        ConditionExpression: byVersion ? '#version = :v' : 'runId = :run AND #status = :status',
        ExpressionAttributeNames: { ...names, '#version': 'version', ...(byVersion ? {} : { '#status': 'status' }) },
        ExpressionAttributeValues: {
          ...values,
          ':one': 1,
          ...(byVersion ? { ':v': expect.version } : { ':run': expect.runId, ':status': expect.status }),
        },
      };
      if (!audit) return writeIf(() => db.send(new UpdateCommand(update)));
      const { failed } = await transactWrite(db, [named('status', { Update: update }), named('audit', auditPut(tableName, audit))]);
      if (failed === 'audit') throw new ConflictError('conflict');
      return failed === null;
    },
  };
}
