import { YearPolicySchema } from '../../../shared/policy.js';
import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RegistrationBookSchema, type RegistrationBook } from '../../../shared/records.js';
import type { BookRepository } from '../../ports/records.js';
import { bookStanding, counterDeltas, countedKey, parseCountedKey, type Counted } from '../../../shared/aggregates.js';
import { backoff, createUnitPaths, lostRace, yearCounterUpdates } from './aggregates.js';
import { auditPut } from './audit.js';
import { translateDynamoError } from './errors.js';
import { keys } from './keys.js';
import { batchGetAll } from './batch.js';
import { queryAll, queryPage } from './query.js';

type Update = Omit<
  NonNullable<NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number]['Update']>,
  'TableName' | 'Key'
>;

/** What a writer read of a book: enough to decide its write and to condition it on nothing having changed. */
interface Seen {
  item: Record<string, unknown>;
  sourceRevision?: number;
  countedKey?: string;
}

const MAX_ATTEMPTS = 12;

export function createBookRepository(db: DynamoDBDocumentClient, tableName: string): BookRepository {
  const pathOf = createUnitPaths(db, tableName);

  /**
   * Writes a book and moves its contribution to the counts in one transaction (docs/decisions.md,
   * "Compliance as maintained aggregates"): the book carries the key of what it is counted as, the write
   * is conditional on the key it read, and the counters get the difference. A writer that lost a race
   * (another write of this book, or a transaction on the same counter) reads again and retries, so a
   * replayed or concurrent write never counts twice. `decide` returns nothing to skip the write.
   */
  async function writeCounted(
    personId: string,
    year: number,
    decide: (
      seen: Seen | undefined,
    ) => Promise<{ after: Counted; update: Update } | undefined> | { after: Counted; update: Update } | undefined,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.book(personId, year), ConsistentRead: true }));
      const seen: Seen | undefined = res.Item
        ? {
            item: res.Item,
            ...(typeof res.Item.sourceRevision === 'number' ? { sourceRevision: res.Item.sourceRevision } : {}),
            ...(typeof res.Item.countedKey === 'string' ? { countedKey: res.Item.countedKey } : {}),
          }
        : undefined;
      const decision = await decide(seen);
      if (!decision) return;
      const before = seen?.countedKey ? parseCountedKey(seen.countedKey) : undefined;
      const { update } = decision;
      // Unchanged since we read it: the same counted key (or none yet), or no book at all.
      const seenCondition = !seen
        ? 'attribute_not_exists(PK)'
        : seen.countedKey === undefined
          ? 'attribute_exists(PK) AND attribute_not_exists(countedKey)'
          : 'countedKey = :seenKey';
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: keys.book(personId, year),
                  ...update,
                  UpdateExpression: `${update.UpdateExpression}, countedKey = :countedKey`,
                  ConditionExpression: update.ConditionExpression ? `(${update.ConditionExpression}) AND ${seenCondition}` : seenCondition,
                  ExpressionAttributeValues: {
                    ...update.ExpressionAttributeValues,
                    ':countedKey': countedKey(decision.after),
                    ...(seen?.countedKey !== undefined ? { ':seenKey': seen.countedKey } : {}),
                  },
                },
              },
              ...yearCounterUpdates(tableName, year, counterDeltas(before, decision.after)),
            ],
          }),
        );
        return;
      } catch (err) {
        if (!lostRace(err) || attempt + 1 >= MAX_ATTEMPTS) translateDynamoError(err);
        await backoff(attempt);
      }
    }
  }

  return {
    /** A person's registration book, every year held. */
    async listForPerson(personId) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :b)',
        ExpressionAttributeValues: { ':pk': keys.personPartition(personId), ':b': 'BOOK#' },
        ConsistentRead: true,
      });
      return items.map((i) => parseBook(i)).sort((a, b) => a.year - b.year);
    },

    async get(personId, year) {
      const res = await db.send(new GetCommand({ TableName: tableName, Key: keys.book(personId, year), ConsistentRead: true }));
      return res.Item ? parseBook(res.Item) : undefined;
    },

    async statuses(pairs) {
      const items = await batchGetAll(
        db,
        tableName,
        pairs.map((p) => keys.book(p.personId, p.year)),
        { projection: 'personId, #year, #status', names: { '#year': 'year', '#status': 'status' }, consistent: true },
      );
      return new Map(items.map((i) => [`${String(i.personId)}#${Number(i.year)}`, String(i.status)]));
    },

    async getYearForPeople(personIds, year) {
      const items = await batchGetAll(
        db,
        tableName,
        personIds.map((id) => keys.book(id, year)),
        { consistent: true },
      );
      return items.map((i) => parseBook(i));
    },

    async saveResults(personId, unitId, revision, results) {
      const path = await pathOf(unitId);
      for (const r of results) {
        const after: Counted = { path, standing: bookStanding(r.result), pending: r.pendingCount > 0 };
        await writeCounted(personId, r.year, (seen) => {
          // Results are derived data: only a recompute from a newer (or the same) revision may replace them.
          if (seen && seen.sourceRevision !== undefined && seen.sourceRevision > revision) return undefined;
          return {
            after,
            update: {
              UpdateExpression:
                'SET personId = :pid, unitId = :unit, #year = :year, #result = :result, rejected = :rejected, ' +
                'pendingCount = :pending, sourceRevision = :rev, GSI1PK = :gpk, GSI1SK = :gsk, #policy = :policy, ' +
                '#status = if_not_exists(#status, :open), version = if_not_exists(version, :zero)',
              ConditionExpression: 'attribute_not_exists(sourceRevision) OR sourceRevision <= :rev',
              ExpressionAttributeNames: { '#year': 'year', '#result': 'result', '#status': 'status', '#policy': 'policy' },
              ExpressionAttributeValues: {
                ':pid': personId,
                ':unit': unitId,
                ':year': r.year,
                ':result': r.result,
                ':rejected': r.rejected,
                ':pending': r.pendingCount,
                ':policy': r.policy,
                ':rev': revision,
                ':gpk': keys.unitYearPartition(unitId, r.year),
                ':gsk': keys.bookByUnitYear(unitId, r.year, r.result.compliant, personId).GSI1SK,
                ':open': 'open',
                ':zero': 0,
              },
            },
          };
        });
      }
    },

    /** Makes the book count as what it holds now (reconciliation): true when it counted as something else. */
    async recount(personId, year) {
      let changed = false;
      await writeCounted(personId, year, async (seen) => {
        if (!seen?.item) return undefined;
        const book = parseBook(seen.item);
        const after: Counted = { path: await pathOf(book.unitId), standing: bookStanding(book.result), pending: book.pendingCount > 0 };
        if (seen.countedKey === countedKey(after)) return undefined;
        changed = true;
        return { after, update: { UpdateExpression: 'SET personId = :pid', ExpressionAttributeValues: { ':pid': personId } } };
      });
      return changed;
    },

    async transition(book, next, audit) {
      const updated: RegistrationBook = { ...book, ...next, version: book.version + 1 };
      const sets = Object.keys(next).filter((k) => k !== 'version');
      const names = Object.fromEntries(sets.map((k, i) => [`#f${i}`, k]));
      const values = Object.fromEntries(sets.map((k, i) => [`:f${i}`, (next as Record<string, unknown>)[k]]));
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: keys.book(book.personId, book.year),
                  UpdateExpression: `SET ${sets.map((_, i) => `#f${i} = :f${i}`).join(', ')}, version = :next`,
                  // The state and version the caller saw: a concurrent sign-off makes this one a 409.
                  ConditionExpression: '#s = :status AND version = :v',
                  ExpressionAttributeNames: { ...names, '#s': 'status' },
                  ExpressionAttributeValues: { ...values, ':status': book.status, ':v': book.version, ':next': updated.version },
                },
              },
              auditPut(tableName, audit),
            ],
          }),
        );
      } catch (err) {
        translateDynamoError(err, '该年度已被他人处理，请刷新后重试');
      }
      return updated;
    },

    /** A unit-year's books, optionally only the compliant (or short) ones: the dashboard and list filters. */
    async listByUnitYear(unitId, year, { compliant, limit, cursor }) {
      const page = await queryPage(
        db,
        tableName,
        {
          index: 'GSI1',
          pk: keys.unitYearPartition(unitId, year),
          ...(compliant === undefined ? {} : { skPrefix: compliant ? '1#' : '0#' }),
        },
        { limit, cursor },
        { forward: true },
      );
      return { items: page.items.map((i) => parseBook(i)), cursor: page.cursor };
    },
  };
}

/** A book written under an older shape of the year policy reads as having none: it is recomputed with today's. */
function parseBook(item: Record<string, unknown>) {
  const policy = item.policy === undefined || YearPolicySchema.safeParse(item.policy).success ? {} : { policy: undefined };
  return RegistrationBookSchema.parse({ ...item, ...policy });
}
