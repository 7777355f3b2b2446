import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  ImportChunkRejectedError,
  ImportClaimLostError,
  type ChunkPlan,
  type ChunkRejection,
  type ChunkRun,
  type ImportChunkWriter,
} from '../../ports/imports.js';
import { peopleDeltas } from '../../../shared/aggregates.js';
import { createUnitPaths, peopleCounterUpdates } from './aggregates.js';
import { auditPut } from './audit.js';
import { cancellationCodes, translateDynamoError } from './errors.js';
import { openYearCheck, revisionBump } from './history.js';
import { keys } from './keys.js';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** A transaction item and, when its condition can fail because of one entry's data, which entry and why. */
interface Tagged {
  item: TransactItem;
  /** The status record's cursor: its condition failing means this run lost its claim. */
  claim?: true;
  entry?: number;
  code?: ChunkRejection;
}

/**
 * One chunk = one transaction: the chunk's writes, the chunk item's commit mark, and the status
 * record's cursor. Each item carries its tag, so a lost claim (the cursor's condition: this run, this
 * state, this position) is told apart from a refused row by which item failed, wherever it stands.
 */
async function runChunk(db: DynamoDBDocumentClient, items: Tagged[]): Promise<void> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items.map((t) => t.item) }));
  } catch (err) {
    // Each reason is read with the tag of its own item (the import's entry and refusal), not by a fixed index.
    const codes = err instanceof TransactionCanceledException ? cancellationCodes(err) : [];
    if (codes.some((code, i) => code === 'ConditionalCheckFailed' && items[i]?.claim)) throw new ImportClaimLostError();
    const failures = codes.flatMap((code, i) => {
      const tag = items[i];
      return code === 'ConditionalCheckFailed' && tag?.entry !== undefined && tag.code ? [{ entry: tag.entry, code: tag.code }] : [];
    });
    if (failures.length) throw new ImportChunkRejectedError(failures);
    translateDynamoError(err);
  }
}

export function createImportChunkWriter(db: DynamoDBDocumentClient, tableName: string): ImportChunkWriter {
  const pathOf = createUnitPaths(db, tableName);
  /** The chunk's people counted in (or out of) their units and every ancestor, in the chunk's own transaction. */
  const peopleCounts = async (people: { person: { unitId: string } }[], delta: 1 | -1): Promise<Tagged[]> => {
    const moves = await Promise.all(people.map(async ({ person }) => ({ path: await pathOf(person.unitId), delta })));
    return peopleCounterUpdates(tableName, peopleDeltas(moves)).map((item) => ({ item }));
  };
  const cursor = (run: ChunkRun, from: number, to: number, status: 'committing' | 'rolling_back'): Tagged => ({
    claim: true,
    item: {
      Update: {
        TableName: tableName,
        Key: keys.importStatus(run.importId),
        UpdateExpression: 'SET chunksCommitted = :to, updatedAt = :at ADD version :one',
        ConditionExpression: 'runId = :run AND #status = :status AND chunksCommitted = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':to': to, ':at': run.at, ':one': 1, ':run': run.runId, ':status': status, ':from': from },
      },
    },
  });
  // The commit time is kept on the chunk: the unit-history keys of the people it created use it.
  const chunkMark = (run: ChunkRun, index: number, committed: boolean): Tagged => ({
    item: {
      Update: {
        TableName: tableName,
        Key: keys.importChunk(run.importId, index),
        UpdateExpression: committed ? 'SET committedAt = :at' : 'REMOVE committedAt',
        ConditionExpression: 'attribute_exists(PK)',
        ...(committed ? { ExpressionAttributeValues: { ':at': run.at } } : {}),
      },
    },
  });

  return {
    async commit(run, plan) {
      const index = plan.chunk.index;
      const items: Tagged[] = [cursor(run, index, index + 1, 'committing'), chunkMark(run, index, true)];
      if (plan.type === 'people') {
        plan.people.forEach(({ person, audit }, entry) => {
          items.push(
            {
              item: {
                Put: {
                  TableName: tableName,
                  // importId lets a rollback delete only what this import created.
                  Item: {
                    ...keys.person(person.id),
                    ...keys.personByUnit(person.unitId, person.name, person.id),
                    ...person,
                    importId: run.importId,
                  },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
            },
            {
              item: {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.idNumber(person.idNumber), personId: person.id },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              entry,
              code: 'id_number_exists',
            },
            {
              item: {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...keys.unitHistory(person.id, person.createdAt),
                    unitId: person.unitId,
                    from: person.createdAt,
                    by: audit.actor,
                  },
                },
              },
            },
            { item: auditPut(tableName, audit) },
          );
        });
        items.push(...(await peopleCounts(plan.people, 1)));
      } else {
        plan.groups.forEach((g, entry) => {
          items.push({ item: revisionBump(tableName, g.personId), entry, code: 'person_missing' });
          for (const year of g.years) items.push({ item: openYearCheck(tableName, g.personId, year), entry, code: 'year_locked' });
          for (const l of g.legacyYears) {
            items.push({
              item: {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.legacyYear(g.personId, l.year), ...l },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              entry,
              code: 'legacy_year_exists',
            });
          }
          for (const c of g.certificates) {
            items.push(
              {
                item: {
                  Put: {
                    TableName: tableName,
                    Item: { ...keys.certificateNumber(c.number), number: c.number, personId: g.personId, importId: run.importId },
                    ConditionExpression: 'attribute_not_exists(PK)',
                  },
                },
                entry,
                code: 'certificate_exists',
              },
              {
                item: {
                  Put: {
                    TableName: tableName,
                    Item: { ...keys.priorCertificate(g.personId, c.number), ...c },
                    ConditionExpression: 'attribute_not_exists(PK)',
                  },
                },
                entry,
                code: 'certificate_exists',
              },
            );
          }
          items.push({ item: auditPut(tableName, g.audit) });
        });
      }
      await runChunk(db, items);
    },

    async rollback(run, plan) {
      const index = plan.chunk.index;
      const items: Tagged[] = [cursor(run, index + 1, index, 'rolling_back'), chunkMark(run, index, false)];
      const ours = { ':imp': run.importId };
      if (plan.type === 'people') {
        plan.people.forEach(({ person, audit }, entry) => {
          items.push(
            {
              item: {
                Delete: {
                  TableName: tableName,
                  Key: keys.person(person.id),
                  // Only a person exactly as imported: edited, moved or with records since, it stays.
                  ConditionExpression: 'importId = :imp AND version = :one AND activityRevision = :zero',
                  ExpressionAttributeValues: { ...ours, ':one': 1, ':zero': 0 },
                },
              },
              entry,
              code: 'person_changed',
            },
            {
              item: {
                Delete: {
                  TableName: tableName,
                  Key: keys.idNumber(person.idNumber),
                  ConditionExpression: 'personId = :pid',
                  ExpressionAttributeValues: { ':pid': person.id },
                },
              },
              entry,
              code: 'person_changed',
            },
            { item: { Delete: { TableName: tableName, Key: keys.unitHistory(person.id, person.createdAt) } } },
            { item: auditPut(tableName, audit) },
          );
        });
        items.push(...(await peopleCounts(plan.people, -1)));
      } else {
        plan.groups.forEach((g, entry) => {
          items.push({ item: revisionBump(tableName, g.personId), entry, code: 'person_missing' });
          for (const year of g.years) items.push({ item: openYearCheck(tableName, g.personId, year), entry, code: 'year_locked' });
          const remove = (key: { PK: string; SK: string }): Tagged => ({
            item: { Delete: { TableName: tableName, Key: key, ConditionExpression: 'importId = :imp', ExpressionAttributeValues: ours } },
            entry,
            code: 'not_written_by_import',
          });
          for (const l of g.legacyYears) items.push(remove(keys.legacyYear(g.personId, l.year)));
          for (const c of g.certificates) {
            items.push(remove(keys.certificateNumber(c.number)), remove(keys.priorCertificate(g.personId, c.number)));
          }
          items.push({ item: auditPut(tableName, g.audit) });
        });
      }
      await runChunk(db, items);
    },
  };
}
