/**
 * Base ingest (issue 6): 10,000 completion records as 20 batches of 500 through the HTTP API — a real
 * Node server on loopback, the real app, a DynamoDB Local started here — against the same DynamoDB
 * writes issued directly with the SDK in the same run: the same items with the same conditions (the
 * posting, the activity, the person's revision bump, the open-year check and the audit event in one
 * transaction per record; the books; the idempotency marker and answer; the submissions log; the
 * rate-limit counter), at the same concurrency, into a second table seeded alike. The ratio is the
 * API's own overhead (HTTP, validation, the batched reads, the engine), not a weaker guarantee.
 * The two sides alternate batch by batch, so the load of this shared machine weighs on both alike.
 * Target: the API takes at most 2× the direct writes (ratio ≥ 0.5). Also reported: DynamoDB requests
 * per record of a 1- and a 100-record batch (ingest-requests.ts), now and before the toolkit (issue 16).
 * Prints nothing when imported.
 */
import { createExportFileStore } from '../functions/adapters/s3/export-store.js';
import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { BatchGetCommand, BatchWriteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { completionActivity, type CompletionRecord, type Posting } from '../shared/bases';
import { ENV } from '../shared/contract';
import { residentIdCheckChar } from '../shared/id-number';
import { DEFAULT_POLICY, resolveYearPolicy, yearPolicyOf } from '../shared/policy';
import { attributedYears, type ActivityRecord, type RegistrationBook } from '../shared/records';
import { createBookRepository } from '../functions/adapters/dynamo/books';
import { createDocumentClient } from '../functions/adapters/dynamo/client';
import { keys } from '../functions/adapters/dynamo/keys';
import { postingWriteItems, submissionItem } from '../functions/adapters/dynamo/postings';
import { transactWrite } from '../functions/adapters/dynamo/transact';
import { ensureTable } from '../functions/adapters/dynamo/provision';
import { createRepositories } from '../functions/adapters/dynamo/repositories';
import { createLocalIdentityAdmin } from '../functions/adapters/identity/local-identity';
import { createS3Client } from '../functions/adapters/s3/client';
import { createEvidenceStore } from '../functions/adapters/s3/evidence-store';
import { loadConfig } from '../functions/config';
import type { AppDeps } from '../functions/deps';
import { createApp } from '../functions/http/app';
import { createLocalIssuer } from '../functions/local/local-issuer';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local';
import { createLogger } from '../functions/log';
import type { BookResult } from '../functions/ports/records';

const BATCHES = 20;
const PER_BATCH = 500;
const PEOPLE = 5_000; // each person gets two records, a year apart, in two different batches
const CONCURRENCY = 16; // the API's WRITE_CONCURRENCY, so both sides keep as many transactions in flight
const TARGET_RATIO = 0.5;
const TENANT = '430100';
const UNIT_ID = 'unit-bench';
const BASE = { id: 'base-bench', name: '湖南省继续教育基准基地', creditCode: '91430100MA4L0BXX2P' };
export const KEY = 'xsk_bench001_BenchmarkKeyNotForAnyRealUse0000000';

export interface IngestBenchResult {
  name: 'ingest';
  value: number;
  unit: 'records/s';
  target: number;
  ok: boolean;
  extra: {
    directRecordsPerSecond: number;
    ratio: number;
    apiSeconds: number;
    directSeconds: number;
  };
}

function idNumber(n: number): string {
  const first17 = `430102${1960 + (n % 40)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

/** Batch b covers 500 people; batches 0–9 post 2023 trainings, 10–19 the same people's 2024 ones. */
export function batchRecords(b: number): CompletionRecord[] {
  const year = b < BATCHES / 2 ? 2023 : 2024;
  return Array.from({ length: PER_BATCH }, (_, i) => {
    const n = (b % (BATCHES / 2)) * PER_BATCH + i;
    return {
      externalId: `B${b}-${i}`,
      idNumber: idNumber(n),
      name: `学员${n}`,
      kind: 'training',
      courseTitle: '专业技术人员能力提升研修班',
      category: 'professional',
      startDate: `${year}-06-18`,
      endDate: `${year}-06-20`,
      days: 2,
      halfDays: 1,
      assessment: 'passed',
      certificateNo: `JX-${year}-${n}`,
    } satisfies CompletionRecord;
  });
}

async function batchWrite(db: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]) {
  for (let i = 0; i < items.length; i += 25) {
    let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
      [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    while (request && Object.keys(request).length) {
      const res = await db.send(new BatchWriteCommand({ RequestItems: request }));
      request = res.UnprocessedItems as typeof request;
    }
  }
}

/** Both tables start alike: the people (with their ID-number items), the base and its key. */
export async function seed(db: DynamoDBDocumentClient, tableName: string) {
  await ensureTable(db, tableName);
  const at = new Date().toISOString();
  const items: Record<string, unknown>[] = [];
  for (let n = 0; n < PEOPLE; n++) {
    const person = {
      id: `bp-${n}`,
      idNumber: idNumber(n),
      name: `学员${n}`,
      unitId: UNIT_ID,
      version: 1,
      activityRevision: 0,
      createdAt: at,
      updatedAt: at,
    };
    items.push({ ...keys.person(person.id), ...keys.personByUnit(UNIT_ID, person.name, person.id), ...person });
    items.push({ ...keys.idNumber(person.idNumber), personId: person.id });
  }
  items.push({
    ...keys.base(BASE.id),
    ...keys.baseByName(BASE.name, BASE.id),
    ...BASE,
    level: 'provincial',
    createdAt: at,
    createdBy: 'bench',
  });
  items.push({
    ...keys.apiKey('bench001'),
    ...keys.apiKeyByBase(BASE.id, 'bench001'),
    prefix: 'bench001',
    baseId: BASE.id,
    status: 'active',
    createdAt: at,
    createdBy: 'bench',
    hash: createHash('sha256').update(KEY).digest('hex'),
  });
  await batchWrite(db, tableName, items);
}

async function runConcurrently<T>(items: T[], limit: number, fn: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export function appDeps(
  db: DynamoDBDocumentClient,
  endpoint: string,
  tableName: string,
  issuer: Awaited<ReturnType<typeof createLocalIssuer>>,
): AppDeps {
  const config = loadConfig({
    [ENV.MODE]: 'local',
    [ENV.TENANT]: TENANT,
    [ENV.TABLE_NAME]: tableName,
    [ENV.EVIDENCE_BUCKET]: 'xueshi-bench-evidence',
    [ENV.DYNAMODB_ENDPOINT]: endpoint,
    [ENV.LOG_LEVEL]: 'warn',
  });
  return {
    config,
    tokens: issuer.verifier,
    log: createLogger('warn', (line) => process.stderr.write(line + '\n')),
    clock: () => new Date(),
    newId: () => randomUUID(),
    identity: createLocalIdentityAdmin(),
    evidenceStore: createEvidenceStore(createS3Client({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1' }), config.evidenceBucket),
    exportFiles: createExportFileStore(createS3Client({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1' }), config.evidenceBucket),
    // The bench starts no exports.
    exportLauncher: { start: async () => undefined },
    ...createRepositories(db, tableName),
  };
}

/** The API: a real server on loopback; a batch is one POST, as a base's client sends it. */
async function startApi(deps: AppDeps) {
  const app = createApp(deps);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/base/completions`;
  return {
    /** Seconds for one batch; throws unless every record was recorded. */
    async post(b: number): Promise<number> {
      const body = JSON.stringify({ records: batchRecords(b) });
      const started = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
        body,
      });
      const text = await res.text();
      const seconds = (performance.now() - started) / 1000;
      if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${text}`);
      const { results } = JSON.parse(text) as { results: { status: string }[] };
      const recorded = results.filter((r) => r.status === 'recorded').length;
      if (recorded !== PER_BATCH) throw new Error(`batch ${b}: only ${recorded} records were recorded`);
      return seconds;
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const peopleOf = (b: number) => Array.from({ length: PER_BATCH }, (_, i) => (b % (BATCHES / 2)) * PER_BATCH + i);
const yearsOf = (b: number) => (b < BATCHES / 2 ? [2023] : [2023, 2024]);

/** The books the API wrote for a batch's people, to write the very same items on the direct side (not timed). */
async function booksWritten(db: DynamoDBDocumentClient, tableName: string, b: number): Promise<Map<string, RegistrationBook>> {
  const wanted = peopleOf(b).flatMap((n) => yearsOf(b).map((y) => keys.book(`bp-${n}`, y)));
  const out = new Map<string, RegistrationBook>();
  for (let i = 0; i < wanted.length; i += 100) {
    let request: Record<string, { Keys: Record<string, string>[] }> | undefined = { [tableName]: { Keys: wanted.slice(i, i + 100) } };
    while (request && Object.keys(request).length) {
      const res = await db.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of res.Responses?.[tableName] ?? [])
        out.set(`${String(item.personId)}#${Number(item.year)}`, item as RegistrationBook);
      request = res.UnprocessedKeys as typeof request;
    }
  }
  return out;
}

/** The direct side of one batch: the same writes, issued with the SDK; no HTTP, no reads, no engine. */
async function directBatch(
  db: DynamoDBDocumentClient,
  tableName: string,
  b: number,
  books: Map<string, RegistrationBook>,
): Promise<number> {
  const bookRepo = createBookRepository(db, tableName);
  const records = batchRecords(b).map((record, index) => ({ record, index }));
  const started = performance.now();
  const now = new Date();
  const at = now.toISOString();
  const nowS = Math.floor(now.getTime() / 1000);
  const idem = randomUUID();
  const token = randomUUID();
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.rateWindow('bench001', nowS - (nowS % 60)),
      UpdateExpression: 'ADD #count :one SET expiresAt = if_not_exists(expiresAt, :ttl)',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':one': 1, ':ttl': nowS + 120 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  if (b === 0) {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.apiKey('bench001'),
        UpdateExpression: 'SET lastUsedAt = :at',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.idempotency(BASE.id, idem),
        status: 'in_progress',
        requestHash: idem,
        token,
        inFlightUntil: now.getTime() + 60_000,
        expiresAt: nowS + 86_400,
      },
      ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :nowS',
      ExpressionAttributeValues: { ':nowS': nowS },
    }),
  );

  const results: { externalId: string; status: 'recorded'; recordId: string }[] = [];
  const year = yearsOf(b).at(-1)!;
  await runConcurrently(records, CONCURRENCY, async ({ record, index }) => {
    const personId = `bp-${peopleOf(b)[index]}`;
    const id = randomUUID();
    const activity = completionActivity(record, BASE.name);
    const act: ActivityRecord = {
      id,
      personId,
      unitId: UNIT_ID,
      activity,
      source: 'base_record',
      status: 'active',
      years: attributedYears(activity),
      version: 1,
      createdAt: at,
      createdBy: `base:${BASE.id}`,
      updatedAt: at,
      updatedBy: `base:${BASE.id}`,
      baseId: BASE.id,
      externalId: record.externalId,
    };
    const posting: Posting = {
      id,
      baseId: BASE.id,
      baseName: BASE.name,
      externalId: record.externalId,
      status: 'recorded',
      credited: true,
      record,
      personId,
      activityStatus: 'active',
      postedAt: at,
      keyPrefix: 'bench001',
      idempotencyKey: idem,
      batchIndex: index,
    };
    const audit = {
      id: randomUUID(),
      entity: 'activity',
      entityId: id,
      action: 'create',
      actor: `base:${BASE.id}`,
      actorName: BASE.name,
      role: 'training_base' as const,
      at,
      to: 'active',
      after: act,
    };
    await transactWrite(db, postingWriteItems(tableName, { posting, activity: act, audit, openYears: [year] }, 'new'));
    results.push({ externalId: record.externalId, status: 'recorded', recordId: id });
  });
  // The books a recompute writes: every year the person has so far, from the revision just made.
  await runConcurrently(peopleOf(b), CONCURRENCY, async (n) => {
    const personId = `bp-${n}`;
    const years = yearsOf(b);
    const written: BookResult[] = years.map((y) => {
      const book = books.get(`${personId}#${y}`)!;
      return {
        year: y,
        result: book.result,
        rejected: book.rejected,
        pendingCount: book.pendingCount,
        policy: yearPolicyOf(resolveYearPolicy(DEFAULT_POLICY, y)),
      };
    });
    await bookRepo.saveResults(personId, UNIT_ID, years.length, written);
  });

  const body = JSON.stringify({ results });
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: submissionItem({
        id: token,
        baseId: BASE.id,
        at,
        keyPrefix: 'bench001',
        idempotencyKey: idem,
        counts: { recorded: PER_BATCH, duplicate: 0, unmatched: 0, rejected: 0 },
        results,
      }),
    }),
  );
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.idempotency(BASE.id, idem),
      UpdateExpression: 'SET #status = :completed, responseStatus = :s, responseGz = :b',
      ConditionExpression: '#token = :token',
      ExpressionAttributeNames: { '#status': 'status', '#token': 'token' },
      ExpressionAttributeValues: { ':completed': 'completed', ':s': 200, ':b': gzipSync(body), ':token': token },
    }),
  );
  return (performance.now() - started) / 1000;
}

/** Batch by batch, API then direct, so both sides run under the same load of this shared machine. */
async function run(
  db: DynamoDBDocumentClient,
  endpoint: string,
  issuer: Awaited<ReturnType<typeof createLocalIssuer>>,
  tables: [string, string],
  batches: number[],
) {
  const api = await startApi(appDeps(db, endpoint, tables[0], issuer));
  let apiSeconds = 0;
  let directSeconds = 0;
  try {
    for (const b of batches) {
      apiSeconds += await api.post(b);
      directSeconds += await directBatch(db, tables[1], b, await booksWritten(db, tables[0], b));
    }
  } finally {
    await api.stop();
  }
  return { apiSeconds, directSeconds };
}

export async function benchIngest(): Promise<IngestBenchResult> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const ddb = await startDynamoDbLocal({});
  try {
    const db = createDocumentClient({ endpoint: ddb.endpoint, region: 'local' });
    const tables = ['bench-ingest-api', 'bench-ingest-direct', 'bench-ingest-warm-api', 'bench-ingest-warm-direct'] as const;
    await Promise.all(tables.map((t) => seed(db, t)));
    const issuer = await createLocalIssuer();
    // A warm-up batch of each side on tables of its own (Node's JIT and DynamoDB Local's), then the measured run.
    await run(db, ddb.endpoint, issuer, [tables[2], tables[3]], [0]);
    const { apiSeconds, directSeconds } = await run(
      db,
      ddb.endpoint,
      issuer,
      [tables[0], tables[1]],
      Array.from({ length: BATCHES }, (_, b) => b),
    );

    const records = BATCHES * PER_BATCH;
    const value = Math.round(records / apiSeconds);
    const directRecordsPerSecond = Math.round(records / directSeconds);
    const ratio = Number((value / directRecordsPerSecond).toFixed(3));
    return {
      name: 'ingest',
      value,
      unit: 'records/s',
      target: TARGET_RATIO,
      ok: ratio >= TARGET_RATIO,
      extra: {
        directRecordsPerSecond,
        ratio,
        apiSeconds: Number(apiSeconds.toFixed(2)),
        directSeconds: Number(directSeconds.toFixed(2)),
      },
    };
  } finally {
    await ddb.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchIngest(), null, 2));
}
