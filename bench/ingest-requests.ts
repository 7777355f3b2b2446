/**
 * DynamoDB requests per record of the base ingest (issue 16): a one-record batch and a 100-record
 * batch through the real app (app.request, no socket) on a freshly seeded table, every command the
 * document client sends counted by a middleware. Reads and writes alike, the key check, rate limit and
 * idempotency marker included: the whole cost of a batch, divided by its records. The figures of
 * main before the ingest path was untangled are kept below, measured the same way.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { createDocumentClient } from '../functions/adapters/dynamo/client';
import { createApp } from '../functions/http/app';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local';
import { createLocalIssuer } from '../functions/local/local-issuer';
import { KEY, appDeps, batchRecords, seed } from './ingest';

/** Measured with this file on main at bcdd40d (before the toolkit), 6 Dec 2026: per 100 records, 200 transactions (posting + books), 202 gets (person, hours policy — each per person), 100 partition queries, 4 batch gets. */
export const BEFORE = { oneRecord: 15, hundredRecords: 5.1 };

export interface IngestRequests {
  oneRecord: number;
  hundredRecords: number;
  /** Requests of each command for the 100-record batch, e.g. TransactWriteCommand=100. */
  byCommand: Record<string, number>;
}

export async function countIngestRequests(): Promise<IngestRequests> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const ddb = await startDynamoDbLocal({});
  try {
    const db = createDocumentClient({ endpoint: ddb.endpoint, region: 'local' });
    const tableName = 'bench-ingest-requests';
    await seed(db, tableName);
    let counting = false;
    let byCommand: Record<string, number> = {};
    db.middlewareStack.add(
      (next, context) => async (args) => {
        if (counting) byCommand[context.commandName ?? '?'] = (byCommand[context.commandName ?? '?'] ?? 0) + 1;
        return next(args);
      },
      { step: 'initialize', name: 'benchRequestCounter' },
    );
    const app = createApp(appDeps(db, ddb.endpoint, tableName, await createLocalIssuer()));
    const post = async (records: unknown[]) => {
      const res = await app.request('/v1/base/completions', {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
        body: JSON.stringify({ records }),
      });
      const { results } = (await res.json()) as { results: { status: string }[] };
      if (res.status !== 200 || results.some((r) => r.status !== 'recorded')) throw new Error(`batch answered ${res.status}`);
    };
    const all = batchRecords(0);
    // Not counted: the key's first use of the minute writes its last-used time, which later batches skip.
    await post(all.slice(0, 1));
    const measure = async (records: unknown[]) => {
      byCommand = {};
      counting = true;
      await post(records);
      counting = false;
      return Object.values(byCommand).reduce((a, b) => a + b, 0) / records.length;
    };
    const oneRecord = await measure(all.slice(1, 2));
    const hundredRecords = await measure(all.slice(2, 102));
    return { oneRecord, hundredRecords, byCommand };
  } finally {
    await ddb.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await countIngestRequests(), null, 2));
}
