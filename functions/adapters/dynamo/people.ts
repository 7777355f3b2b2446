import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ConflictError } from '../../../shared/errors.js';
import { PersonSchema } from '../../../shared/person.js';
import { StoredLegacyYearSchema, StoredPriorCertificateSchema } from '../../../shared/history.js';
import { ActivityRecordSchema, RegistrationBookSchema } from '../../../shared/records.js';
import type { PeopleRepository, StoredPerson, UnitMembership } from '../../ports/records.js';
import { peopleDeltas } from '../../../shared/aggregates.js';
import { createUnitPaths, peopleCounterUpdates } from './aggregates.js';
import { auditPut } from './audit.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { translateDynamoError } from './errors.js';
import { keys } from './keys.js';
import { named, transactWrite } from './transact.js';
import { batchGetAll } from './batch.js';
import { queryAll } from './query.js';

const StoredPersonSchema = PersonSchema.extend({
  version: z.int().default(1),
  activityRevision: z.int().default(0),
  createdAt: z.string().default(''),
  updatedAt: z.string().default(''),
});

const MembershipSchema = z.object({ unitId: z.string(), from: z.string(), by: z.string(), reason: z.string().optional() });

function toItem(person: StoredPerson) {
  return { ...keys.person(person.id), ...keys.personByUnit(person.unitId, person.name, person.id), ...person };
}

/** At most this many index queries answer one page of several units, whatever the units hold. */
const MAX_QUERIES_PER_PAGE = 20;

export function createPeopleRepository(db: DynamoDBDocumentClient, tableName: string): PeopleRepository {
  const pathOf = createUnitPaths(db, tableName);
  /**
   * The people of one or more units, unit after unit in the order given, each unit in name order (its
   * index partition). The cursor is the last item's key, so its partition says which unit to go on
   * with; a cursor naming a unit outside `unitIds` is refused like any foreign cursor. Reads one item
   * past the page, so a cursor is handed out only when another page really exists; at most
   * MAX_QUERIES_PER_PAGE queries per page, so a run of empty units gives a short page with a cursor
   * instead of an unbounded request.
   */
  async function listByUnits(
    unitIds: readonly string[],
    { limit, cursor, nameContains }: { limit: number; cursor?: string; nameContains?: string },
  ) {
    const partitions = unitIds.map((u) => keys.unitPeoplePartition(u));
    let startKey = decodeCursor(cursor) as Record<string, unknown> | undefined;
    let index = startKey ? partitions.indexOf(String(startKey.GSI1PK)) : 0;
    if (index < 0) decodeCursor(cursor, { attribute: 'GSI1PK', value: partitions[0] ?? '' });
    const raw: Record<string, unknown>[] = [];
    let queries = 0;
    while (index < partitions.length && raw.length <= limit && queries < MAX_QUERIES_PER_PAGE) {
      const res = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :person)',
          ...(nameContains ? { FilterExpression: 'contains(#name, :q)', ExpressionAttributeNames: { '#name': 'name' } } : {}),
          ExpressionAttributeValues: { ':pk': partitions[index], ':person': 'PERSON#', ...(nameContains ? { ':q': nameContains } : {}) },
          Limit: limit + 1 - raw.length,
          ExclusiveStartKey: startKey,
        }),
      );
      queries++;
      raw.push(...((res.Items ?? []) as Record<string, unknown>[]));
      startKey = res.LastEvaluatedKey;
      if (!startKey) index++;
    }
    const page = raw.slice(0, limit);
    const last = page[page.length - 1];
    let next: string | null = null;
    if (raw.length > limit && last) next = encodeCursor({ PK: last.PK, SK: last.SK, GSI1PK: last.GSI1PK, GSI1SK: last.GSI1SK });
    else if (index < partitions.length) {
      // Stopped by the query budget: go on where the reading stopped, or at the start of the next unit.
      // ('PERSON#' sorts before every person's sort key, so nothing of that unit is skipped.)
      next = encodeCursor(startKey ?? { PK: 'PERSON#', SK: 'PROFILE', GSI1PK: partitions[index], GSI1SK: 'PERSON#' });
    }
    return { items: page.map((i) => StoredPersonSchema.parse(i)), cursor: next };
  }

  return {
    async get(id) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.person(id), ConsistentRead: true }));
      return res.Item ? StoredPersonSchema.parse(res.Item) : undefined;
    },

    /** Which person holds this resident ID? One exact lookup, never a scan. */
    async findIdByIdNumber(idNumber) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.idNumber(idNumber) }));
      return res.Item?.personId as string | undefined;
    },

    /** The same lookup for many IDs: a BatchGet per hundred. */
    async findIdsByIdNumbers(idNumbers) {
      const items = await batchGetAll(
        db,
        tableName,
        [...new Set(idNumbers)].map((n) => keys.idNumber(n)),
        { consistent: true },
      );
      // The guard item holds only the person id: the number is the rest of its key.
      return new Map(items.map((i) => [String(i.PK).slice('IDNUMBER#'.length), String(i.personId)]));
    },

    async create(person, audit) {
      const { failed } = await transactWrite(db, [
        named('person', { Put: { TableName: tableName, Item: toItem(person), ConditionExpression: 'attribute_not_exists(PK)' } }),
        // The ID-number item keeps resident IDs unique across the tenant.
        named('id-number', {
          Put: {
            TableName: tableName,
            Item: { ...keys.idNumber(person.idNumber), personId: person.id },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        }),
        named('unit-history', {
          Put: {
            TableName: tableName,
            Item: { ...keys.unitHistory(person.id, person.createdAt), unitId: person.unitId, from: person.createdAt, by: audit.actor },
          },
        }),
        named('audit', auditPut(tableName, audit)),
        // The unit's people count and its ancestors' (docs/decisions.md, maintained aggregates).
        ...peopleCounterUpdates(tableName, peopleDeltas([{ path: await pathOf(person.unitId), delta: 1 }])).map((i) =>
          named('people-count', i),
        ),
      ]);
      if (failed === 'id-number') throw new ConflictError('id_number_exists', '该身份证号码已登记');
      if (failed !== null) throw new ConflictError('conflict');
    },

    async update(person, expectedVersion, audit, move?: UnitMembership) {
      // A move changes the people counts of both units' paths; the version condition guarantees the
      // unit we read is the one the person leaves. Without a move the unit may not change at all.
      let counts: ReturnType<typeof peopleCounterUpdates> = [];
      if (move) {
        const res = await db.send(
          new GetCommand({ TableName: tableName, Key: keys.person(person.id), ConsistentRead: true, ProjectionExpression: 'unitId' }),
        );
        const from = typeof res.Item?.unitId === 'string' ? res.Item.unitId : undefined;
        if (from && from !== person.unitId) {
          counts = peopleCounterUpdates(
            tableName,
            peopleDeltas([
              { path: await pathOf(from), delta: -1 },
              { path: await pathOf(person.unitId), delta: 1 },
            ]),
          );
        }
      }
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: toItem(person),
                  ConditionExpression: move
                    ? 'attribute_exists(PK) AND version = :v'
                    : 'attribute_exists(PK) AND version = :v AND unitId = :unit',
                  ExpressionAttributeValues: { ':v': expectedVersion, ...(move ? {} : { ':unit': person.unitId }) },
                },
              },
              ...(move ? [{ Put: { TableName: tableName, Item: { ...keys.unitHistory(person.id, move.from), ...move } } }] : []),
              auditPut(tableName, audit),
              ...counts,
            ],
          }),
        );
      } catch (err) {
        translateDynamoError(err);
      }
    },

    /** The people of a unit, by name, a page at a time; `nameContains` filters within the unit's partition. */
    async listByUnit(unitId, options) {
      return listByUnits([unitId], options);
    },

    async listByUnits(unitIds, options) {
      return listByUnits(unitIds, options);
    },

    async getMany(ids) {
      return (
        await batchGetAll(
          db,
          tableName,
          ids.map((id) => keys.person(id)),
        )
      ).map((item) => StoredPersonSchema.parse(item));
    },

    /** One query of the person's partition instead of one per item type (ACT#, BOOK#, CERT#, LEGACY#). */
    async records(personId) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.personPartition(personId) },
        ConsistentRead: true,
      });
      const of = (prefix: string) => items.filter((i) => String(i.SK).startsWith(prefix));
      return {
        activities: of('ACT#').map((i) => ActivityRecordSchema.parse(i)),
        books: of('BOOK#')
          .map((i) => RegistrationBookSchema.parse(i))
          .sort((a, b) => a.year - b.year),
        history: {
          certificates: of('CERT#').map((i) => StoredPriorCertificateSchema.parse(i)),
          legacyYears: of('LEGACY#')
            .map((i) => StoredLegacyYearSchema.parse(i))
            .sort((a, b) => a.year - b.year),
        },
      };
    },

    async unitHistory(id) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :h)',
        ExpressionAttributeValues: { ':pk': keys.personPartition(id), ':h': 'UNITHIST#' },
      });
      return items.map((i) => MembershipSchema.parse(i));
    },
  };
}
