/**
 * The DynamoDB toolkit (issue 16 item 3) against DynamoDB Local: named transaction failures, errors
 * classified by SDK class, batch reads and writes that finish what DynamoDB left unprocessed (driven
 * by a thin wrapper that holds back part of the first request — the table underneath is real), and
 * the one paging rule.
 */
import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchGetAll, batchWriteAll, putRequests } from '../../functions/adapters/dynamo/batch.js';
import { asUnavailable, classifyDynamoError, isConditionFailed, translateDynamoError } from '../../functions/adapters/dynamo/errors.js';
import { queryPage } from '../../functions/adapters/dynamo/query.js';
import { RETRY, retryDelayMs } from '../../functions/adapters/dynamo/retry.js';
import { named, transactWrite } from '../../functions/adapters/dynamo/transact.js';
import { ConflictError, UnavailableError, ValidationError } from '../../shared/errors.js';
import { createTestTable } from '../support/services.js';

let db: DynamoDBDocumentClient;
let tableName: string;

beforeAll(async () => {
  ({ db, tableName } = await createTestTable());
});

const put = (PK: string, SK: string, extra: Record<string, unknown> = {}) => ({
  Put: { TableName: tableName, Item: { PK, SK, ...extra } },
});
const putNew = (PK: string, SK: string) => ({
  Put: { TableName: tableName, Item: { PK, SK }, ConditionExpression: 'attribute_not_exists(PK)' },
});
const exists = async (PK: string, SK: string) =>
  (await db.send(new GetCommand({ TableName: tableName, Key: { PK, SK }, ConsistentRead: true }))).Item !== undefined;

type Send = (command: unknown) => Promise<Record<string, any>>;
/** The real client, with `intercept` given each command first (and the real send to call, or not). */
function wrapped(intercept: (command: any, send: Send, call: number) => Promise<Record<string, any>>) {
  let call = 0;
  const send: Send = (command) => db.send(command as never) as Promise<Record<string, any>>;
  return { send: (command: unknown) => intercept(command, send, call++), calls: () => call } as unknown as Pick<
    DynamoDBDocumentClient,
    'send'
  > & {
    calls(): number;
  };
}

describe('transactWrite', () => {
  it('writes every item and reports no failure', async () => {
    const out = await transactWrite(db, [named('a', put('T1', 'A')), named('b', put('T1', 'B'))]);
    expect(out).toEqual({ failed: null, failures: [] });
    expect(await exists('T1', 'A')).toBe(true);
    expect(await exists('T1', 'B')).toBe(true);
  });

  it('names the item whose condition failed, wherever it stands, and writes nothing', async () => {
    await db.send(new PutCommand({ TableName: tableName, Item: { PK: 'T2', SK: 'TAKEN' } }));
    const first = await transactWrite(db, [named('guard', putNew('T2', 'TAKEN')), named('record', put('T2', 'NEW1'))]);
    const last = await transactWrite(db, [
      named('record', put('T2', 'NEW2')),
      named('audit', put('T2', 'AUDIT')),
      named('guard', putNew('T2', 'TAKEN')),
    ]);
    expect(first.failed).toBe('guard');
    expect(last.failed).toBe('guard');
    expect(await exists('T2', 'NEW1')).toBe(false);
    expect(await exists('T2', 'NEW2')).toBe(false);
  });

  it('lists every failed item when several conditions fail', async () => {
    await db.send(new PutCommand({ TableName: tableName, Item: { PK: 'T3', SK: 'X' } }));
    await db.send(new PutCommand({ TableName: tableName, Item: { PK: 'T3', SK: 'Y' } }));
    const out = await transactWrite(db, [named('x', putNew('T3', 'X')), named('free', putNew('T3', 'Z')), named('y', putNew('T3', 'Y'))]);
    expect(out).toEqual({ failed: 'x', failures: ['x', 'y'] });
  });

  it('runs again after a lost race when allowed, and answers 409 when not', async () => {
    const conflict = () =>
      new TransactionCanceledException({ message: 'conflict', $metadata: {}, CancellationReasons: [{ Code: 'TransactionConflict' }] });
    const racing = wrapped(async (command, send, call) => {
      if (call === 0) throw conflict();
      return send(command);
    });
    expect(await transactWrite(racing, [named('a', put('T4', 'A'))], { conflictRetries: 2 })).toEqual({ failed: null, failures: [] });
    expect(racing.calls()).toBe(2);
    expect(await exists('T4', 'A')).toBe(true);

    const always = wrapped(async () => {
      throw conflict();
    });
    await expect(transactWrite(always, [named('a', put('T4', 'B'))])).rejects.toBeInstanceOf(ConflictError);
    expect(always.calls()).toBe(1);
  });
});

describe('SDK errors, classified by class', () => {
  it('a real failed condition is a ConditionalCheckFailedException: condition_failed, a 409', async () => {
    await db.send(new PutCommand({ TableName: tableName, Item: { PK: 'E1', SK: 'A' } }));
    const err = await db
      .send(new PutCommand({ TableName: tableName, Item: { PK: 'E1', SK: 'A' }, ConditionExpression: 'attribute_not_exists(PK)' }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConditionalCheckFailedException);
    expect(classifyDynamoError(err)).toBe('condition_failed');
    expect(isConditionFailed(err)).toBe(true);
    expect(() => translateDynamoError(err, '已被他人修改')).toThrow(ConflictError);
  });

  it('throttling is a 503; a look-alike plain error by name is not taken for an SDK error', () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    expect(classifyDynamoError(throttled)).toBe('throttled');
    expect(asUnavailable(throttled)).toBeInstanceOf(UnavailableError);
    const lookalike = Object.assign(new Error('x'), { name: 'ConditionalCheckFailedException' });
    expect(classifyDynamoError(lookalike)).toBe('other');
    expect(() => translateDynamoError(lookalike)).toThrow(lookalike);
  });

  it('a connection refused is unreachable: a 503', () => {
    expect(classifyDynamoError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }))).toBe('unreachable');
  });
});

describe('batch reads and writes', () => {
  it('reads every item although the first response left half unprocessed, asking each key once', async () => {
    await batchWriteAll(db, tableName, putRequests(Array.from({ length: 30 }, (_, i) => ({ PK: 'B1', SK: `I${i}`, n: i }))));
    const keysAsked: string[] = [];
    const dropping = wrapped(async (command, send, call) => {
      const request = command.input.RequestItems[tableName];
      keysAsked.push(...request.Keys.map((k: { SK: string }) => k.SK));
      if (call > 0) return send(command);
      const half = Math.ceil(request.Keys.length / 2);
      const res = await send(new BatchGetCommand({ RequestItems: { [tableName]: { ...request, Keys: request.Keys.slice(0, half) } } }));
      return { ...res, UnprocessedKeys: { [tableName]: { Keys: request.Keys.slice(half) } } };
    });
    const wanted = Array.from({ length: 30 }, (_, i) => ({ PK: 'B1', SK: `I${i}` }));
    const items = await batchGetAll(dropping, tableName, [...wanted, ...wanted.slice(0, 5)], { consistent: true });
    expect(items.map((i) => i.SK).sort()).toEqual(wanted.map((k) => k.SK).sort());
    expect(dropping.calls()).toBe(2);
    expect(keysAsked).toHaveLength(30 + 15);
  });

  it('writes every item although the first request of each chunk left some unprocessed', async () => {
    const dropping = wrapped(async (command, send, call) => {
      const request = command.input.RequestItems[tableName];
      if (call > 2) return send(command);
      // One of each first three requests' items is held back, as DynamoDB does under load.
      const res = await send(new BatchWriteCommand({ RequestItems: { [tableName]: request.slice(1) } }));
      return { ...res, UnprocessedItems: { [tableName]: request.slice(0, 1) } };
    });
    const items = Array.from({ length: 60 }, (_, i) => ({ PK: 'B2', SK: `W${String(i).padStart(2, '0')}` }));
    await batchWriteAll(dropping, tableName, putRequests(items));
    const back = await batchGetAll(
      db,
      tableName,
      items.map(({ PK, SK }) => ({ PK, SK })),
      { consistent: true },
    );
    expect(back).toHaveLength(60);
    expect(dropping.calls()).toBe(3 + 3);
  });

  it('gives up with a 503 when DynamoDB never processes the items', { timeout: 20_000 }, async () => {
    const stuck = wrapped(async (command) => ({ UnprocessedItems: command.input.RequestItems }));
    await expect(batchWriteAll(stuck, tableName, putRequests([{ PK: 'B3', SK: 'A' }]))).rejects.toBeInstanceOf(UnavailableError);
    expect(stuck.calls()).toBe(RETRY.attempts);
    expect(await exists('B3', 'A')).toBe(false);
  });

  it('pauses with full jitter, growing with the attempt up to the cap', () => {
    expect(retryDelayMs(1, () => 0)).toBe(0);
    expect(retryDelayMs(1, () => 0.999)).toBe(Math.floor(0.999 * RETRY.baseMs * 2));
    expect(retryDelayMs(3, () => 0.999)).toBeGreaterThan(retryDelayMs(1, () => 0.999));
    expect(retryDelayMs(30, () => 0.999)).toBeLessThan(RETRY.capMs);
    const spread = new Set(Array.from({ length: 20 }, () => retryDelayMs(5)));
    expect(spread.size).toBeGreaterThan(1);
  });
});

describe('queryPage: one paging rule', () => {
  beforeAll(async () => {
    await batchWriteAll(
      db,
      tableName,
      putRequests(Array.from({ length: 7 }, (_, i) => ({ PK: 'Q1', SK: `R${i}`, kind: i % 2 ? 'odd' : 'even' }))),
    );
    await batchWriteAll(
      db,
      tableName,
      putRequests([
        { PK: 'Q2', SK: 'R0' },
        { PK: 'Q2', SK: 'R1' },
      ]),
    );
  });

  it('pages a partition with opaque cursors until null', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await queryPage(db, tableName, { pk: 'Q1' }, { limit: 3, cursor }, { forward: true });
      seen.push(...page.items.map((i) => String(i.SK)));
      if (page.cursor) expect(page.cursor).not.toContain('Q1');
      cursor = page.cursor ?? undefined;
      pages++;
    } while (cursor);
    expect(seen).toEqual(['R0', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6']);
    expect(pages).toBe(3);
  });

  it('refuses a cursor of another partition (400)', async () => {
    const other = await queryPage(db, tableName, { pk: 'Q2' }, { limit: 1 });
    expect(other.cursor).not.toBeNull();
    await expect(queryPage(db, tableName, { pk: 'Q1' }, { limit: 3, cursor: other.cursor! })).rejects.toBeInstanceOf(ValidationError);
  });

  it('fills a filtered page, reading on past the items the filter drops', async () => {
    const page = await queryPage(
      db,
      tableName,
      { pk: 'Q1' },
      { limit: 3 },
      {
        forward: true,
        filter: { expression: '#kind = :k', names: { '#kind': 'kind' }, values: { ':k': 'odd' } },
      },
    );
    expect(page.items.map((i) => i.SK)).toEqual(['R1', 'R3', 'R5']);
  });
});
