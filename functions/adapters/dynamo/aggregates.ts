import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { counterTarget, ROOT_COUNTER_SHARDS, type YearCounters } from '../../../shared/aggregates.js';
import type { AggregateRepository, StoredAggregates } from '../../ports/aggregates.js';
import { keys } from './keys.js';
import { classifyDynamoError } from './errors.js';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/**
 * A unit's path (hr office → department → unit), read from its organisation item and kept a minute
 * per container: every book and person write needs it to roll its counts up, and the tree changes
 * rarely. A unit that cannot be found counts under itself alone (the reconciliation job reports it).
 */
export function createUnitPaths(db: DynamoDBDocumentClient, tableName: string, ttlMs = 60_000) {
  const cache = new Map<string, { path: string[]; at: number }>();
  return async function pathOf(unitId: string): Promise<string[]> {
    const hit = cache.get(unitId);
    if (hit && Date.now() - hit.at < ttlMs) return hit.path;
    const res = await db.send(
      new GetCommand({
        TableName: tableName,
        Key: keys.organisation(unitId),
        ProjectionExpression: '#p',
        ExpressionAttributeNames: { '#p': 'path' },
      }),
    );
    const path = Array.isArray(res.Item?.path) && res.Item.path.length ? (res.Item.path as string[]) : [unitId];
    cache.set(unitId, { path, at: Date.now() });
    return path;
  };
}
export type UnitPaths = ReturnType<typeof createUnitPaths>;

/** ADDs to an organisation-year's counters (ADD creates the item at zero first). */
export function yearCounterUpdates(tableName: string, year: number, deltas: Map<string, YearCounters>): TransactItem[] {
  return [...deltas].map(([key, d]) => {
    const { orgId, shard } = counterTarget(key);
    return {
      Update: {
        TableName: tableName,
        Key: keys.aggregateYear(orgId, year, shard),
        UpdateExpression: 'SET orgId = :org, #year = :year ADD compliant :c, #short :s, #empty :e, pending :p',
        ExpressionAttributeNames: { '#year': 'year', '#short': 'short', '#empty': 'empty' },
        ExpressionAttributeValues: { ':org': orgId, ':year': year, ':c': d.compliant, ':s': d.short, ':e': d.empty, ':p': d.pending },
      },
    };
  });
}

/** ADDs to the people count of every organisation on a path. */
export function peopleCounterUpdates(tableName: string, deltas: Map<string, number>): TransactItem[] {
  return [...deltas].map(([key, d]) => {
    const { orgId, shard } = counterTarget(key);
    return {
      Update: {
        TableName: tableName,
        Key: keys.aggregatePeople(orgId, shard),
        UpdateExpression: 'SET orgId = :org ADD people :d',
        ExpressionAttributeValues: { ':org': orgId, ':d': d },
      },
    };
  });
}

/** True when a transaction lost a race (a condition on what we read, or a concurrent transaction): read again and retry. */
export function lostRace(err: unknown): boolean {
  const kind = classifyDynamoError(err);
  return kind === 'condition_failed' || kind === 'transaction_conflict';
}

/** Jittered, growing pauses between attempts, so writers racing for one hr-office counter spread out. */
export function backoff(attempt: number): Promise<void> {
  const ms = Math.min(1000, 10 * 2 ** attempt) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function createAggregateRepository(db: DynamoDBDocumentClient, tableName: string): AggregateRepository {
  return {
    /**
     * One organisation's counters, every year and its people count: one query of a few items, and for
     * the tenant root one more per shard (in parallel), summed.
     */
    async forOrganisation(org) {
      const partitions = [keys.aggregatePartition(org.id)];
      if (org.path.length === 1) for (let n = 0; n < ROOT_COUNTER_SHARDS; n++) partitions.push(keys.aggregatePartition(org.id, n));
      const pages = await Promise.all(
        partitions.map((pk) =>
          db.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk } })),
        ),
      );
      const out: StoredAggregates = { orgId: org.id, people: 0, years: new Map() };
      for (const item of pages.flatMap((p) => p.Items ?? [])) {
        if (item.SK === 'PEOPLE') {
          out.people += Number(item.people ?? 0);
          continue;
        }
        const year = Number(item.year);
        const c = out.years.get(year) ?? { compliant: 0, short: 0, empty: 0, pending: 0 };
        out.years.set(year, {
          compliant: c.compliant + Number(item.compliant ?? 0),
          short: c.short + Number(item.short ?? 0),
          empty: c.empty + Number(item.empty ?? 0),
          pending: c.pending + Number(item.pending ?? 0),
        });
      }
      return out;
    },

    /** Corrects an organisation's drift by the difference found, with ADD so concurrent writes are not lost. */
    async adjust(people, years) {
      const items: TransactItem[] = [...peopleCounterUpdates(tableName, people)];
      for (const [year, deltas] of years) items.push(...yearCounterUpdates(tableName, year, deltas));
      for (let i = 0; i < items.length; i += 100) {
        await db.send(new TransactWriteCommand({ TransactItems: items.slice(i, i + 100) }));
      }
    },
  };
}
