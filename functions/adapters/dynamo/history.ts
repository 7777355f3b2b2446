import { type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../../shared/errors.js';
import { StoredLegacyYearSchema, StoredPriorCertificateSchema, type StoredLegacyYear } from '../../../shared/history.js';
import type { HistoryRepository } from '../../ports/history.js';
import { auditPut } from './audit.js';
import { keys } from './keys.js';
import { named, transactWrite } from './transact.js';
import { batchGetAll } from './batch.js';
import { queryAll } from './query.js';

/** A condition that the person-year's book, if any, is still open: history may not change a confirmed year. */
export function openYearCheck(tableName: string, personId: string, year: number) {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: keys.book(personId, year),
      ConditionExpression: 'attribute_not_exists(PK) OR #status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':open': 'open' },
    },
  };
}

/** Bumping the revision tells a concurrent book recompute that its input is stale. */
export function revisionBump(tableName: string, personId: string) {
  return {
    Update: {
      TableName: tableName,
      Key: keys.person(personId),
      UpdateExpression: 'ADD activityRevision :one',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':one': 1 },
    },
  };
}

export function createHistoryRepository(db: DynamoDBDocumentClient, tableName: string): HistoryRepository {
  const listPrefix = (personId: string, prefix: string) =>
    queryAll(db, {
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': keys.personPartition(personId), ':p': prefix },
      ConsistentRead: true,
    });

  return {
    /** A person's certificates and paper years: two small queries in their partition. */
    async listForPerson(personId) {
      const [certificates, legacyYears] = await Promise.all([listPrefix(personId, 'CERT#'), listPrefix(personId, 'LEGACY#')]);
      return {
        certificates: certificates.map((i) => StoredPriorCertificateSchema.parse(i)),
        legacyYears: legacyYears.map((i) => StoredLegacyYearSchema.parse(i)).sort((a, b) => a.year - b.year),
      };
    },

    async addCertificate(certificate, audit, options = {}) {
      const { personId, number } = certificate;
      const { failed } = await transactWrite(db, [
        // The number guard: one certificate number, one holder, across the tenant.
        named('number', {
          Put: {
            TableName: tableName,
            Item: { ...keys.certificateNumber(number), number, personId },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        }),
        named('certificate', {
          Put: {
            TableName: tableName,
            Item: { ...keys.priorCertificate(personId, number), ...certificate },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        }),
        named('person-revision', revisionBump(tableName, personId)),
        ...certificate.years.map((y) => named('open-year', openYearCheck(tableName, personId, y.year))),
        named('audit', auditPut(tableName, audit)),
        // A number of this system: the issued certificate is still valid and the person's now,
        // not only when it was read (a revocation racing the entry loses or wins as a whole).
        ...(options.matchedIssued
          ? [
              named('issued-valid', {
                ConditionCheck: {
                  TableName: tableName,
                  Key: keys.certificate(number),
                  ConditionExpression: '#status = :valid AND personId = :person',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':valid': 'valid', ':person': personId },
                },
              }),
            ]
          : []),
      ]);
      if (failed === 'number' || failed === 'certificate') throw new ConflictError('certificate_exists', '该认定单编号已登记');
      if (failed === 'open-year') throw new ConflictError('year_locked', '认定单所含年度已确认，须先重新打开该年度');
      if (failed === 'issued-valid') throw new ConflictError('certificate_not_matched', '该认定单已撤销，请刷新后重试');
      if (failed !== null) throw new ConflictError('conflict');
    },

    async verifyCertificate(certificate, verification, audit, years) {
      const { personId, number } = certificate;
      const next = { ...certificate, verification, ...(years ? { years } : {}) };
      const { failed } = await transactWrite(db, [
        named('certificate', {
          Put: {
            TableName: tableName,
            Item: { ...keys.priorCertificate(personId, number), ...next },
            // Verified once: a second confirmation (or a racing one) is refused.
            ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(verification) OR verification.#status <> :verified)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':verified': 'verified' },
          },
        }),
        named('person-revision', revisionBump(tableName, personId)),
        named('audit', auditPut(tableName, audit)),
        ...next.years.map((y) => named('open-year', openYearCheck(tableName, personId, y.year))),
      ]);
      if (failed === 'certificate') throw new ConflictError('already_verified', '该认定单已核验');
      if (failed === 'open-year') throw new ConflictError('year_locked', '认定单所含年度已确认，须先重新打开该年度');
      if (failed !== null) throw new ConflictError('conflict');
      return next;
    },

    /** Certificate number → holder, by exact key: one BatchGet per hundred numbers, never a scan. */
    async certificateHolders(numbers) {
      const items = await batchGetAll(
        db,
        tableName,
        [...new Set(numbers)].map((n) => keys.certificateNumber(n)),
        { consistent: true },
      );
      return new Map(items.map((i) => [String(i.number), String(i.personId)]));
    },

    async confirmedYears(list) {
      const items = await batchGetAll(
        db,
        tableName,
        list.map((k) => keys.book(k.personId, k.year)),
        { consistent: true },
      );
      return items.filter((i) => i.status !== 'open').map((i) => ({ personId: String(i.personId), year: Number(i.year) }));
    },

    async findLegacyYears(list) {
      const items = await batchGetAll(
        db,
        tableName,
        list.map((k) => keys.legacyYear(k.personId, k.year)),
        { consistent: true },
      );
      return items.map((i): StoredLegacyYear => StoredLegacyYearSchema.parse(i));
    },
  };
}
