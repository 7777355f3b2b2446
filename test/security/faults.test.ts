/**
 * Faults (issue 8 item 3): the database and the object store going away under a request, for real —
 * a dedicated DynamoDB Local (with -dbPath, so what it committed survives) killed with SIGKILL in the
 * middle of a base batch and started again on the same port and files, and a dedicated S3 server
 * stopped between an upload and its confirm and started again.
 *
 * Concurrency is covered where the behaviour lives, not repeated here:
 * - concurrent approvals: test/functions/certification.test.ts "gives exactly one success, 99 conflicts
 *   and one audit event for 100 concurrent approvals";
 * - concurrent idempotent posts: test/functions/base-api.test.ts "50 concurrent identical posts give one
 *   set of records and identical answers (or 409 while the first runs)";
 * - certificate serials: test/functions/certification.test.ts "stay gapless and unique when the hr
 *   office issues many at once";
 * - a batch whose writer dies (an injected failure, the marker left behind): base-api.test.ts "a batch
 *   interrupted midway"; S3 unreachable by address: evidence.test.ts "storage outages".
 */
import { createExportFileStore } from '../../functions/adapters/s3/export-store.js';
import { createInProcessExportLauncher } from '../../functions/jobs/export-runner.js';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ENV } from '../../shared/contract.js';
import { residentIdCheckChar } from '../../shared/id-number.js';
import { createDocumentClient } from '../../functions/adapters/dynamo/client.js';
import { ensureTable } from '../../functions/adapters/dynamo/provision.js';
import { createRepositories } from '../../functions/adapters/dynamo/repositories.js';
import { createLocalIdentityAdmin } from '../../functions/adapters/identity/local-identity.js';
import { configureEvidenceCors, createS3Client, ensureBucket } from '../../functions/adapters/s3/client.js';
import { createEvidenceStore } from '../../functions/adapters/s3/evidence-store.js';
import { loadConfig } from '../../functions/config.js';
import type { AppDeps } from '../../functions/deps.js';
import { createApp } from '../../functions/http/app.js';
import { createLogger } from '../../functions/log.js';
import { DEMO_BASE, DEMO_BASE_KEY, DEMO_PEOPLE, DEMO_TENANT, DEMO_USERS } from '../../functions/local/demo-data.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../functions/local/dynamodb-local.js';
import { createLocalIssuer } from '../../functions/local/local-issuer.js';
import { findFreePort } from '../../functions/local/ports.js';
import { startLocalS3, type LocalS3 } from '../../functions/local/s3-server.js';
import { seedDemoData } from '../../functions/local/seed.js';
import { expectErrorShape, send } from './support.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function tempDir(label: string) {
  const dir = mkdtempSync(join(tmpdir(), `xueshi-fault-${label}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The real app on the given DynamoDB and S3 endpoints, seeded, with a settable clock. */
async function appOn(endpoints: { dynamoDb: string; s3: string }, clock: () => Date) {
  const db = createDocumentClient({ endpoint: endpoints.dynamoDb, region: 'local' });
  const tableName = `fault-${randomUUID()}`;
  await ensureTable(db, tableName);
  await seedDemoData(db, tableName, clock());
  const config = loadConfig({
    [ENV.MODE]: 'local',
    [ENV.TENANT]: DEMO_TENANT,
    [ENV.TABLE_NAME]: tableName,
    [ENV.EVIDENCE_BUCKET]: `fault-evidence-${randomUUID()}`,
    [ENV.DYNAMODB_ENDPOINT]: endpoints.dynamoDb,
    [ENV.S3_ENDPOINT]: endpoints.s3,
  });
  const s3 = createS3Client({ endpoint: endpoints.s3, region: 'us-east-1' });
  await ensureBucket(s3, config.evidenceBucket);
  await configureEvidenceCors(s3, config.evidenceBucket, [config.siteOrigin]);
  const issuer = await createLocalIssuer(undefined, clock);
  const logLines: string[] = [];
  const deps: AppDeps = {
    config,
    tokens: issuer.verifier,
    log: createLogger('debug', (line) => logLines.push(line)),
    clock,
    newId: () => randomUUID(),
    identity: createLocalIdentityAdmin(),
    evidenceStore: createEvidenceStore(s3, config.evidenceBucket),
    exportFiles: createExportFileStore(s3, config.evidenceBucket),
    exportLauncher: createInProcessExportLauncher(() => deps),
    ...createRepositories(db, tableName),
  };
  const token = (id: string) => issuer.issue(DEMO_USERS.find((u) => u.id === id)!);
  return { app: createApp(deps), deps, logLines, token };
}

function residentId(n: number) {
  const first17 = `4301811990${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (Math.floor(n / 12) % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

describe('DynamoDB Local killed in the middle of a base batch, then restarted', () => {
  it('answers 503 (never 500) while it is down; the retried batch lands every record exactly once', async () => {
    const dbPath = tempDir('ddb');
    const port = await findFreePort();
    let ddb: DynamoDbLocal = await startDynamoDbLocal({ dbPath, port });
    cleanups.push(() => ddb.stop());
    let now = new Date('2026-11-23T02:00:00Z');
    const { app, deps, logLines, token } = await appOn({ dynamoDb: ddb.endpoint, s3: inject('s3Endpoint') }, () => now);

    // 300 records: 20 for the seven registered people (credited, one person's records in order), 280 for
    // people not registered yet (unmatched). Both kinds write a posting; the credited ones an activity too.
    const known = DEMO_PEOPLE.map((p) => ({ idNumber: p.idNumber, name: p.name, id: p.id }));
    const records = Array.from({ length: 300 }, (_, i) => {
      const person = i < 20 ? known[i % known.length]! : { idNumber: residentId(i), name: `未登记${i}` };
      return {
        externalId: `KILL-${i}`,
        idNumber: person.idNumber,
        name: person.name,
        kind: 'training',
        courseTitle: '断电演练培训班',
        category: 'professional',
        startDate: '2026-10-12',
        endDate: '2026-10-13',
        days: 2,
        assessment: 'passed',
      };
    });
    const post = () =>
      send(app, 'POST', '/v1/base/completions', {
        token: DEMO_BASE_KEY,
        headers: { 'idempotency-key': 'kill-batch-1' },
        body: { records },
      });

    // The calculator has answered once: this container holds the yearly rules.
    const before = await send(app, 'POST', '/v1/hours/preview', {
      body: { activities: [{ kind: 'training', date: '2024-05-01', category: 'public', days: 1 }] },
    });
    expect(before.status).toBe(200);

    // Kill the database (SIGKILL: no shutdown, no flush) when the 100th record is being written.
    const realSave = deps.postings.save.bind(deps.postings);
    let saves = 0;
    let killed: Promise<void> | undefined;
    deps.postings.save = async (write) => {
      if (++saves === 100) {
        killed = new Promise((resolve) => ddb.process.once('exit', () => resolve()));
        ddb.process.kill('SIGKILL');
        await killed;
      }
      return realSave(write);
    };
    const crashed = await post();
    expect(killed, 'the database was killed mid-batch').toBeDefined();
    expect(crashed.status, crashed.text).toBe(503);
    expectErrorShape(crashed, 'crashed batch');
    expect(crashed.json.error.code).toBe('database_unavailable');

    // While it is down: every route that needs it says 503; the calculator, which needs only the yearly
    // rules this container has already read, still answers.
    const clerk = await token('clerk-hospital');
    for (const [method, path, who, body] of [
      ['POST', '/v1/base/completions', DEMO_BASE_KEY, { records: records.slice(0, 1) }],
      ['GET', '/v1/base/completions', DEMO_BASE_KEY, undefined],
      ['GET', '/v1/people/person-zhangwei/books', clerk, undefined],
      ['GET', '/v1/people?unitId=unit-hospital', clerk, undefined],
      [
        'POST',
        '/v1/people/person-zhangwei/activities',
        clerk,
        { activity: { kind: 'training', date: '2026-10-01', category: 'professional', days: 1 } },
      ],
      ['GET', '/v1/public/notices', undefined, undefined],
    ] as const) {
      const a = await send(app, method, path, { token: who, body, headers: { 'idempotency-key': `down-${path}` } });
      expect(a.status, `${method} ${path} while down: ${a.text}`).toBe(503);
      expectErrorShape(a, `${method} ${path} while down`);
    }
    const preview = await send(app, 'POST', '/v1/hours/preview', {
      body: { activities: [{ kind: 'training', date: '2024-05-01', category: 'public', days: 1 }] },
    });
    expect(preview.status).toBe(200);

    // Back on the same port with the same files.
    ddb = await startDynamoDbLocal({ dbPath, port });
    deps.postings.save = realSave;

    // The crashed request could not remove its in-flight marker (the database was gone): 409 until it expires.
    const early = await post();
    expect(early.status).toBe(409);
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(0);
    now = new Date(now.getTime() + 61_000);
    const retried = await post();
    expect(retried.status, retried.text).toBe(200);
    const statuses = retried.json.results.map((r: { status: string }) => r.status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill('recorded'));
    expect(statuses.slice(20)).toEqual(Array(280).fill('unmatched'));

    // Exactly once: one posting per externalId, one activity per credited record, nothing else.
    const postings = await deps.postings.getMany(
      DEMO_BASE.id,
      records.map((r) => r.externalId),
    );
    expect(postings.size).toBe(300);
    const recordIds = new Set(retried.json.results.map((r: { recordId?: string }) => r.recordId).filter(Boolean));
    expect(recordIds.size).toBe(300);
    for (const person of known) {
      const activities = (await deps.activities.listForPerson(person.id)).filter((a) => a.externalId?.startsWith('KILL-'));
      const expected = records
        .slice(0, 20)
        .filter((r) => r.idNumber === person.idNumber)
        .map((r) => r.externalId)
        .sort();
      expect(activities.map((a) => a.externalId).sort(), person.name).toEqual(expected);
    }
    // A third post replays the answer byte for byte.
    expect((await post()).text).toBe(retried.text);

    // Whatever was logged through all this carries no resident ID number.
    const logged = logLines.join('\n');
    for (const r of records) expect(logged).not.toContain(r.idNumber);
  }, 180_000);
});

describe('the S3 server down during an upload confirm', () => {
  it('answers a clear 503; the file stays pending; after a restart the retry accepts it', async () => {
    const dir = tempDir('s3');
    const port = await findFreePort();
    let s3: LocalS3 = await startLocalS3({ directory: dir, port });
    cleanups.push(() => s3.stop());
    const { app, token } = await appOn({ dynamoDb: inject('dynamoDbEndpoint'), s3: s3.endpoint }, () => new Date());
    const clerk = await token('clerk-hospital');
    const activity = await send(app, 'POST', '/v1/people/person-zhangwei/activities', {
      token: clerk,
      body: { activity: { kind: 'training', date: '2026-10-01', category: 'professional', days: 1 } },
    });
    expect(activity.status).toBe(201);
    const base = `/v1/people/person-zhangwei/activities/${activity.json.id}/evidence`;
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]);
    const grant = await send(app, 'POST', `${base}/uploads`, {
      token: clerk,
      body: { materialType: 'notice', fileName: '通知.pdf', contentType: 'application/pdf', size: bytes.length },
    });
    expect(grant.status).toBe(201);
    const form = new FormData();
    for (const [k, v] of Object.entries(grant.json.upload.fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), '通知.pdf');
    expect((await fetch(grant.json.upload.url, { method: 'POST', body: form })).status).toBeLessThan(300);

    await s3.stop();
    const confirm = () => send(app, 'POST', `${base}/${grant.json.file.id}/confirm`, { token: clerk });
    const down = await confirm();
    expect(down.status, down.text).toBe(503);
    expectErrorShape(down, 'confirm while S3 is down');
    expect(down.json.error).toMatchObject({ code: 'storage_unavailable' });
    expect(down.json.error.message).toMatch(/稍后重试/);
    const listed = await send(app, 'GET', base, { token: clerk });
    expect(listed.json.items.find((f: { id: string }) => f.id === grant.json.file.id).status).toBe('pending');

    s3 = await startLocalS3({ directory: dir, port });
    const retried = await confirm();
    expect(retried.status, retried.text).toBe(200);
    expect(retried.json).toMatchObject({ status: 'accepted' });
  }, 120_000);
});
