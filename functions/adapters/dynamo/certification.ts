import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  ApplicationSchema,
  BatchSchema,
  CertificateSchema,
  NoticeEntrySchema,
  NoticeSchema,
  noticeYear,
  ObjectionSchema,
  type Application,
  type Batch,
  type Notice,
} from '../../../shared/applications.js';
import { ConflictError } from '../../../shared/errors.js';
import { AuditEventSchema } from '../../../shared/records.js';
import type { ApplicationChange, BatchChange, CertificationRepository } from '../../ports/certification.js';
import { auditPut } from './audit.js';
import { revisionBump } from './history.js';
import { translateDynamoError } from './errors.js';
import { keys } from './keys.js';
import { named, transactWrite } from './transact.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { queryAll, queryPage } from './query.js';

const FilingExceptionSchema = z.object({ until: z.string(), reason: z.string(), by: z.string(), at: z.string() });

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export function applicationItem(app: Application) {
  return { ...keys.application(app.id), ...keys.applicationIndexes(app), ...app };
}

/**
 * The state change as a Put conditioned on the state and version the caller read, and, for a notice's
 * close, on the application still being in that notice (`noticeId`): the check lives in the
 * transaction, not only in the read before it.
 */
function changeItems(tableName: string, change: ApplicationChange, options: { inNotice?: string } = {}): TransactItem[] {
  const updated: Application = { ...change.app, ...change.next, version: change.app.version + 1 };
  return [
    {
      Put: {
        TableName: tableName,
        Item: applicationItem(updated),
        ConditionExpression: `#state = :state AND version = :version${options.inNotice ? ' AND noticeId = :notice' : ''}`,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':state': change.app.state,
          ':version': change.app.version,
          ...(options.inNotice ? { ':notice': options.inNotice } : {}),
        },
      },
    },
    auditPut(tableName, change.audit),
  ];
}

/**
 * A submitted batch rewritten: conditioned on `submitted` and the version read (a batch written before
 * versions has none), its released applications' guards deleted only while they still point at it.
 */
function batchChangeItems(tableName: string, change: BatchChange, item: (b: Batch) => Record<string, unknown>): TransactItem[] {
  const { previous, next } = change;
  return [
    {
      Put: {
        TableName: tableName,
        Item: item(next),
        ConditionExpression: `#status = :submitted AND ${previous.version ? 'version = :version' : 'attribute_not_exists(version)'}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':submitted': 'submitted', ...(previous.version ? { ':version': previous.version } : {}) },
      },
    },
    ...change.released.map((id) => ({
      Delete: {
        TableName: tableName,
        Key: keys.batchGuard(id),
        ConditionExpression: 'batchId = :batch',
        ExpressionAttributeValues: { ':batch': previous.id },
      },
    })),
    auditPut(tableName, change.audit),
  ];
}

export function createCertificationRepository(db: DynamoDBDocumentClient, tableName: string): CertificationRepository {
  const transact = async (items: TransactItem[], conflictMessage?: string) => {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (err) {
      translateDynamoError(err, conflictMessage);
    }
  };
  /** Every item under one index partition (small by design: one unit's notices, one status's batches), parsed. */
  const readIndex = async <T>(
    index: 'GSI1' | 'GSI2',
    partition: string,
    schema: { parse(item: unknown): T },
    options: { newestFirst?: boolean } = {},
  ): Promise<T[]> => {
    const items = await queryAll(db, {
      TableName: tableName,
      IndexName: index,
      KeyConditionExpression: `${index}PK = :pk`,
      ExpressionAttributeValues: { ':pk': partition },
      ...(options.newestFirst ? { ScanIndexForward: false } : {}),
    });
    return items.map((i) => schema.parse(i));
  };
  const get = async (key: Record<string, string>) =>
    (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

  return {
    async getApplication(id) {
      const item = await get(keys.application(id));
      return item ? ApplicationSchema.parse(item) : undefined;
    },

    async createApplication(app, audit) {
      const { failed } = await transactWrite(db, [
        named('application', {
          Put: { TableName: tableName, Item: applicationItem(app), ConditionExpression: 'attribute_not_exists(PK)' },
        }),
        // One live application per person and application year; a withdrawn one releases it.
        named('person-year', {
          Put: {
            TableName: tableName,
            Item: { ...keys.applicationGuard(app.personId, app.applicationYear), applicationId: app.id },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        }),
        named('audit', auditPut(tableName, audit)),
      ]);
      if (failed === 'person-year') throw new ConflictError('application_exists', '该人员本年度已有核认申请');
      if (failed !== null) throw new ConflictError('conflict');
    },

    async transition(change, options = {}) {
      const items = changeItems(tableName, change);
      if (change.next.state === 'withdrawn') {
        items.push({ Delete: { TableName: tableName, Key: keys.applicationGuard(change.app.personId, change.app.applicationYear) } });
      }
      if (options.batch) items.push(...batchChangeItems(tableName, options.batch, batchItem));
      await transact(items, '该申请已被他人处理，请刷新后重试');
      return { ...change.app, ...change.next, version: change.app.version + 1 };
    },

    /** A unit's applications, newest first. */
    async listByUnit(unitId, page) {
      const res = await queryPage(db, tableName, { index: 'GSI1', pk: keys.unitApplicationsPartition(unitId) }, page);
      return { items: res.items.map((i) => ApplicationSchema.parse(i)), cursor: res.cursor };
    },

    /**
     * The tenant's applications in one state (the hr office's inbox), or with `unitId` one unit's: the
     * sort key starts with the unit, so a unit's inbox reads only its own.
     */
    async listByState(state, { limit, cursor, unitId }) {
      const partition = {
        index: 'GSI2' as const,
        pk: keys.applicationStatePartition(state),
        ...(unitId ? { skPrefix: `${unitId}#` } : {}),
      };
      const res = await queryPage(db, tableName, partition, { limit, cursor }, { forward: true });
      return { items: res.items.map((i) => ApplicationSchema.parse(i)), cursor: res.cursor };
    },

    /** The applications a department re-reviews, in one state: its own partition of the sparse GSI3. */
    async listByDepartmentState(departmentId, state, page) {
      const res = await queryPage(db, tableName, { index: 'GSI3', pk: keys.departmentApplicationsPartition(departmentId, state) }, page, {
        forward: true,
      });
      return { items: res.items.map((i) => ApplicationSchema.parse(i)), cursor: res.cursor };
    },

    async listAudit(applicationId) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.auditPartition('application', applicationId) },
      });
      return items.map((i) => AuditEventSchema.parse(i));
    },

    async getNotice(id) {
      const item = await get(keys.notice(id));
      return item ? NoticeSchema.parse(item) : undefined;
    },

    async publishNotice(notice, entries, changes, audit, previousBatchNo) {
      const year = noticeYear(notice);
      await transact(
        [
          { Put: { TableName: tableName, Item: noticeItem(notice), ConditionExpression: 'attribute_not_exists(PK)' } },
          // Gapless 第N批: the counter moves from exactly the value the use-case read, so two reviewers
          // publishing at once cannot both be 第2批; the later one fails here and numbers again.
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.noticeCounter(notice.unitId, year), value: notice.batchNo },
              ConditionExpression: previousBatchNo === undefined ? 'attribute_not_exists(PK)' : '#value = :previous',
              ...(previousBatchNo === undefined
                ? {}
                : { ExpressionAttributeNames: { '#value': 'value' }, ExpressionAttributeValues: { ':previous': previousBatchNo } }),
            },
          },
          // The frozen copy: what the notice shows for as long as it exists (rules §5).
          ...entries.map((e) => ({
            Put: {
              TableName: tableName,
              Item: { ...keys.noticeEntry(notice.id, e.applicationId), ...e },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          })),
          ...changes.flatMap((c) => changeItems(tableName, c)),
          auditPut(tableName, audit),
        ],
        '所选申请已被他人处理，请刷新后重试',
      );
    },

    async currentNoticeNumber(unitId, year) {
      const item = await get(keys.noticeCounter(unitId, year));
      return item?.value as number | undefined;
    },

    async listNoticeEntries(noticeId) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :e)',
        ExpressionAttributeValues: { ':pk': keys.notice(noticeId).PK, ':e': 'ENTRY#' },
      });
      return items.map((i) => NoticeEntrySchema.parse(i));
    },

    /** Every notice still marked open, across the tenant: a sparse index holds only open ones. Scripts and tests only. */
    async listOpenNotices() {
      return readIndex('GSI2', keys.openNoticesPartition(), NoticeSchema);
    },

    /**
     * The open notices whose end date is before `today`: the index's sort key starts with the end date,
     * so the closing job reads only what closes now, never the notices still running.
     */
    async listDueNotices(today) {
      const items = await queryAll(db, {
        TableName: tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK < :today',
        ExpressionAttributeValues: { ':pk': keys.openNoticesPartition(), ':today': today },
      });
      return items.map((i) => NoticeSchema.parse(i));
    },

    /** A page of the open notices ending on or after `today`, ending soonest first. */
    async listRunningNotices(today, { limit, cursor }) {
      const pk = keys.openNoticesPartition();
      // A range (GSI2SK >= today), which queryPage's prefix does not express; the same sealed cursor rule.
      const res = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK >= :today',
          ExpressionAttributeValues: { ':pk': pk, ':today': today },
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, { attribute: 'GSI2PK', value: pk }),
        }),
      );
      return { items: (res.Items ?? []).map((i) => NoticeSchema.parse(i)), cursor: encodeCursor(res.LastEvaluatedKey) };
    },

    async listUnitNotices(unitId) {
      return readIndex('GSI1', keys.unitNoticesPartition(unitId), NoticeSchema, { newestFirst: true });
    },

    async closeNotice(notice, changes, audit) {
      const closed: Notice = { ...notice, status: 'closed' };
      await transact(
        [
          {
            Put: {
              TableName: tableName,
              Item: noticeItem(closed),
              ConditionExpression: '#status = :open',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':open': 'open' },
            },
          },
          ...changes.flatMap((c) => changeItems(tableName, c, { inNotice: notice.id })),
          auditPut(tableName, audit),
        ],
        '公示中的申请已变化，将在下次运行时重新关闭',
      );
    },

    async lodgeObjection(objection, change) {
      await transact(
        [
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.objection(objection.noticeId, objection.id), ...objection },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          ...(change ? changeItems(tableName, change) : []),
        ],
        '公示状态已变化，请刷新后重试',
      );
    },

    async listObjections(noticeId) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :o)',
        ExpressionAttributeValues: { ':pk': keys.notice(noticeId).PK, ':o': 'OBJ#' },
      });
      return items.map((i) => ObjectionSchema.parse(i));
    },

    async resolveObjections(objections, change) {
      await transact([
        ...objections.map((o) => ({
          Put: {
            TableName: tableName,
            Item: { ...keys.objection(o.noticeId, o.id), ...o },
            ConditionExpression: '#status = :open',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':open': 'open' },
          },
        })),
        ...changeItems(tableName, change),
      ]);
    },

    async getBatch(id) {
      const item = await get(keys.batch(id));
      return item ? BatchSchema.parse(item) : undefined;
    },

    async submitBatch(batch, audit) {
      await transact(
        [
          { Put: { TableName: tableName, Item: batchItem(batch), ConditionExpression: 'attribute_not_exists(PK)' } },
          // Each application may sit in one batch only: a guard per application.
          ...batch.applicationIds.map((id) => ({
            Put: {
              TableName: tableName,
              Item: { ...keys.batchGuard(id), batchId: batch.id },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          })),
          auditPut(tableName, audit),
        ],
        '所选申请已在其他批次中',
      );
    },

    async acceptBatch(batch, changes, audit) {
      // On the version read: a withdrawal or a cancellation meanwhile makes the hr office look again.
      await transact(
        [
          {
            Put: {
              TableName: tableName,
              Item: batchItem({ ...batch, version: (batch.version ?? 1) + 1 }),
              ConditionExpression: `#status = :submitted AND ${batch.version ? 'version = :version' : 'attribute_not_exists(version)'}`,
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':submitted': 'submitted', ...(batch.version ? { ':version': batch.version } : {}) },
            },
          },
          ...changes.flatMap((c) => changeItems(tableName, c)),
          auditPut(tableName, audit),
        ],
        '该批次已变化，请刷新后重试',
      );
    },

    async batchOf(applicationId) {
      const item = await get(keys.batchGuard(applicationId));
      return item ? String(item.batchId) : undefined;
    },

    async changeBatch(change) {
      await transact(batchChangeItems(tableName, change, batchItem), '该批次已被他人处理，请刷新后重试');
      return change.next;
    },

    async listBatches(status) {
      return readIndex('GSI2', keys.batchStatePartition(status), BatchSchema);
    },

    async listDepartmentBatches(departmentId) {
      return readIndex('GSI1', keys.departmentBatchesPartition(departmentId), BatchSchema, { newestFirst: true });
    },

    async currentSerial(year, kind) {
      const item = await get(keys.certificateCounter(year, kind));
      return (item?.value as number | undefined) ?? 0;
    },

    async issueCertificate(certificate, serial, year, change) {
      await transact(
        [
          {
            // Gapless serials: the counter moves from exactly `serial - 1` to `serial` in the same
            // transaction that writes certificate `serial`; a concurrent issue fails here and retries.
            Put: {
              TableName: tableName,
              Item: { ...keys.certificateCounter(year, certificate.kind), value: serial },
              ConditionExpression: serial === 1 ? 'attribute_not_exists(PK)' : '#value = :previous',
              ...(serial === 1
                ? {}
                : { ExpressionAttributeNames: { '#value': 'value' }, ExpressionAttributeValues: { ':previous': serial - 1 } }),
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.certificate(certificate.number),
                ...keys.certificateByPerson(certificate.personId, certificate.number),
                ...certificate,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          ...changeItems(tableName, change),
        ],
        '认定单编号已被占用，请重试',
      );
    },

    async getCertificate(number) {
      const item = await get(keys.certificate(number));
      return item ? CertificateSchema.parse(item) : undefined;
    },

    async listPersonCertificates(personId) {
      return readIndex('GSI1', keys.certificateByPerson(personId, '').GSI1PK, CertificateSchema);
    },

    async revokeCertificate(certificate, reason, audit, at, reference) {
      const revoked = { ...certificate, status: 'revoked' as const, revokedAt: at, revokedReason: reason };
      const referenceKey = keys.priorCertificate(certificate.personId, certificate.number);
      await transact([
        // The holder's entry of this number stops covering years with the revocation itself.
        ...(reference
          ? [
              {
                Put: {
                  TableName: tableName,
                  Item: { ...referenceKey, ...reference, verification: { ...reference.verification, status: 'revoked', at } },
                  ConditionExpression: 'attribute_exists(PK)',
                },
              },
              revisionBump(tableName, certificate.personId),
            ]
          : [{ ConditionCheck: { TableName: tableName, Key: referenceKey, ConditionExpression: 'attribute_not_exists(PK)' } }]),
        {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.certificate(certificate.number),
              ...keys.certificateByPerson(certificate.personId, certificate.number),
              ...revoked,
            },
            ConditionExpression: '#status = :valid',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':valid': 'valid' },
          },
        },
        auditPut(tableName, audit),
      ]);
      return revoked;
    },

    getFilingException,

    async putFilingException(exception, audit) {
      await transact([{ Put: { TableName: tableName, Item: { ...keys.filingException(), ...exception } } }, auditPut(tableName, audit)]);
    },
  };

  async function getFilingException() {
    const item = await get(keys.filingException());
    return item ? FilingExceptionSchema.parse(item) : undefined;
  }

  function noticeItem(notice: Notice) {
    return {
      ...keys.notice(notice.id),
      ...keys.noticeByUnit(notice.unitId, notice.startDate, notice.id),
      // Sparse: only open notices carry the open-notices keys, so listing them reads nothing else.
      ...(notice.status === 'open' ? keys.openNotice(notice.endDate, notice.id) : {}),
      ...notice,
    };
  }

  function batchItem(batch: Batch) {
    return {
      ...keys.batch(batch.id),
      ...keys.batchByDepartment(batch.departmentId, batch.createdAt, batch.id),
      ...keys.batchByState(batch.status, batch.createdAt, batch.id),
      ...batch,
    };
  }
}
