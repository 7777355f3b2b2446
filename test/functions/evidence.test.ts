import { createHash, randomBytes } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createS3Client } from '../../functions/adapters/s3/client.js';
import { createEvidenceStore } from '../../functions/adapters/s3/evidence-store.js';
import { createApp } from '../../functions/http/app.js';
import { createEvidenceCheckHandler } from '../../functions/jobs/evidence-check-handler.js';
import { findFreePort } from '../../functions/local/ports.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

let t: TestApp;
const tokens: Record<string, string> = {};
const PERSON = 'person-zhangwei';
const MB = 1024 * 1024;

beforeAll(async () => {
  t = await createTestApp();
  for (const id of ['clerk-hospital', 'clerk-school', 'reviewer-hospital', 'auditor', 'hr-officer', 'person-zhangwei']) {
    tokens[id] = await t.tokenFor(id);
  }
});

type App = ReturnType<typeof createApp>;
const token = async (user: string) => tokens[user];
const { call } = caller<string>(() => t, { token });
/** The same calls to another app built on the test's deps (a fault injected). */
const callOn = (app: App) => caller<string>(() => ({ app, tokenFor: t.tokenFor }), { token }).call;
const pdf = (text = 'certificate') => Buffer.concat([Buffer.from(`%PDF-1.7\n% ${text}\n`), randomBytes(2048), Buffer.from('\n%%EOF\n')]);
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(512)]);
// The start of an x86-64 ELF executable.
const elf = () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), randomBytes(4096)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function addTraining(user = 'clerk-hospital', date = '2023-04-10') {
  const res = await call(user, 'POST', `/v1/people/${PERSON}/activities`, {
    activity: { kind: 'training', date, category: 'professional', days: 2 },
    title: '急诊医学新进展培训班',
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const evidencePath = (activityId: string, person = PERSON) => `/v1/people/${person}/activities/${activityId}/evidence`;

async function requestUpload(
  activityId: string,
  input: { materialType: string; fileName: string; contentType: string; size: number },
  user = 'clerk-hospital',
) {
  return call(user, 'POST', `${evidencePath(activityId)}/uploads`, input);
}

/** What a browser does with the presigned POST: the fields first, then the file, from the site's origin. */
async function postForm(upload: { url: string; fields: Record<string, string> }, bytes: Buffer, fileName: string, type: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), fileName);
  return fetch(upload.url, { method: 'POST', body: form, headers: { origin: t.deps.config.siteOrigin } });
}

/** Request an upload, POST the bytes through the presigned form; returns the file id and its object key. */
async function uploadFile(
  activityId: string,
  bytes: Buffer,
  opts: { materialType?: string; fileName?: string; contentType?: string } = {},
  user = 'clerk-hospital',
) {
  const contentType = opts.contentType ?? 'application/pdf';
  const fileName = opts.fileName ?? '培训通知.pdf';
  const grant = await requestUpload(
    activityId,
    { materialType: opts.materialType ?? 'notice', fileName, contentType, size: bytes.length },
    user,
  );
  expect(grant.status).toBe(201);
  const res = await postForm(grant.body.upload, bytes, fileName, contentType);
  expect(res.status).toBeLessThan(300);
  return { fileId: grant.body.file.id as string, key: grant.body.upload.fields.key as string, grant: grant.body, response: res };
}

async function objectExists(key: string) {
  try {
    await t.s3.send(new HeadObjectCommand({ Bucket: t.bucket, Key: key }));
    return true;
  } catch (err) {
    if ((err as Error).name === 'NotFound') return false;
    throw err;
  }
}

describe('upload through the presigned POST, then confirm', () => {
  let activityId: string;
  beforeAll(async () => {
    activityId = await addTraining();
  });

  it('hands out a POST whose policy pins the key, the type and 1 B…20 MB, and a pending file', async () => {
    const res = await requestUpload(activityId, {
      materialType: 'notice',
      fileName: '../../etc/通知.pdf',
      contentType: 'application/pdf',
      size: 1234,
    });
    expect(res.status).toBe(201);
    const { file, upload } = res.body;
    expect(file).toMatchObject({
      status: 'pending',
      materialType: 'notice',
      fileName: '通知.pdf',
      declaredType: 'application/pdf',
      declaredSize: 1234,
    });
    expect(file).not.toHaveProperty('key');
    expect(upload.fields.key).toBe(`evidence/${PERSON}/${activityId}/${file.id}`);
    expect(upload.fields['Content-Type']).toBe('application/pdf');
    expect(upload.maxBytes).toBe(20 * MB);

    const policy = JSON.parse(Buffer.from(upload.fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([['content-length-range', 1, 20 * MB], { 'Content-Type': 'application/pdf' }, { key: upload.fields.key }]),
    );
    const ttl = Date.parse(policy.expiration) - Date.now();
    expect(ttl).toBeGreaterThan(60_000);
    expect(ttl).toBeLessThanOrEqual(5 * 60_000);
    expect(Date.parse(upload.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
  });

  it('refuses a declared size over 20 MB and other types with 400 in zh-CN', async () => {
    const big = await requestUpload(activityId, {
      materialType: 'notice',
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      size: 20 * MB + 1,
    });
    expect(big.status).toBe(400);
    expect(big.body.error.details).toEqual([{ path: 'size', message: '文件不能超过 20 MB' }]);

    const exe = await requestUpload(activityId, {
      materialType: 'notice',
      fileName: 'a.exe',
      contentType: 'application/x-msdownload',
      size: 10,
    });
    expect(exe.status).toBe(400);
    expect(exe.body.error.details).toEqual([{ path: 'contentType', message: '只接受 PDF、JPEG 或 PNG 文件' }]);

    const empty = await requestUpload(activityId, { materialType: 'notice', fileName: 'a.pdf', contentType: 'application/pdf', size: 0 });
    expect(empty.status).toBe(400);
  });

  it('refuses a material type the activity’s evidence sets do not list', async () => {
    const res = await requestUpload(activityId, {
      materialType: 'patent_certificate',
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      size: 10,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('material_not_for_kind');
    expect(res.body.error.message).toContain('专利证书');
  });

  it('accepts a real PDF uploaded with fetch + FormData, with its SHA-256, and confirm is idempotent', async () => {
    const bytes = pdf();
    const { fileId, response } = await uploadFile(activityId, bytes);
    // The bucket's CORS rule lets the site's origin read the upload response.
    expect(response.headers.get('access-control-allow-origin')).toBe(t.deps.config.siteOrigin);

    const before = await call('clerk-hospital', 'GET', evidencePath(activityId));
    expect(before.body.items.find((f: any) => f.id === fileId).status).toBe('pending');

    const confirmed = await call('clerk-hospital', 'POST', `${evidencePath(activityId)}/${fileId}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      id: fileId,
      status: 'accepted',
      size: bytes.length,
      detectedType: 'application/pdf',
      sha256: sha256(bytes),
    });

    const again = await call('clerk-hospital', 'POST', `${evidencePath(activityId)}/${fileId}/confirm`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(confirmed.body);
  });

  it('answers 422 to a confirm before anything was uploaded, and keeps the file pending', async () => {
    const grant = await requestUpload(activityId, {
      materialType: 'sign_in',
      fileName: '签到表.pdf',
      contentType: 'application/pdf',
      size: 100,
    });
    const res = await call('clerk-hospital', 'POST', `${evidencePath(activityId)}/${grant.body.file.id}/confirm`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('evidence_not_uploaded');
    const list = await call('clerk-hospital', 'GET', evidencePath(activityId));
    expect(list.body.items.find((f: any) => f.id === grant.body.file.id).status).toBe('pending');
  });

  it('shows which evidence set is complete, on the activity and in the activity list', async () => {
    let list = await call('clerk-hospital', 'GET', evidencePath(activityId));
    expect(list.status).toBe(200);
    expect(list.body.evidence).toMatchObject({ complete: false, selfEvidenced: false });
    expect(list.body.evidence.message).toContain('结业证书');

    const cert = png();
    const { fileId } = await uploadFile(activityId, cert, {
      materialType: 'completion_certificate',
      fileName: '结业证书.png',
      contentType: 'image/png',
    });
    expect((await call('clerk-hospital', 'POST', `${evidencePath(activityId)}/${fileId}/confirm`)).status).toBe(200);

    list = await call('reviewer-hospital', 'GET', evidencePath(activityId));
    expect(list.body.evidence).toMatchObject({ complete: true, satisfiedBy: '方式二', files: { accepted: 2, pending: 2 } });

    const activities = await call('reviewer-hospital', 'GET', `/v1/people/${PERSON}/activities`);
    const item = activities.body.items.find((a: any) => a.id === activityId);
    expect(item.evidence).toMatchObject({ complete: true, satisfiedBy: '方式二', files: { accepted: 2 } });
  });
});

describe('the server-side check rejects what the policy would not stop locally', () => {
  let activityId: string;
  beforeAll(async () => {
    activityId = await addTraining();
  });

  it('rejects a renamed executable (ELF bytes as x.pdf), removes the object and says why', async () => {
    const { fileId, key } = await uploadFile(activityId, elf(), { fileName: 'x.pdf', contentType: 'application/pdf' });
    expect(await objectExists(key)).toBe(true);

    const res = await call('clerk-hospital', 'POST', `${evidencePath(activityId)}/${fileId}/confirm`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('file_type_not_allowed');
    expect(res.body.error.message).toContain('文件内容不是 PDF、JPEG 或 PNG');
    expect(await objectExists(key)).toBe(false);

    const list = await call('clerk-hospital', 'GET', evidencePath(activityId));
    expect(list.body.items.find((f: any) => f.id === fileId)).toMatchObject({
      status: 'rejected',
      rejection: { code: 'file_type_not_allowed' },
    });
    expect(list.body.evidence.files).toMatchObject({ accepted: 0, rejected: 1 });

    // The verdict stands: a second confirm gives the same answer, and there is nothing to download.
    const again = await call('clerk-hospital', 'POST', `${evidencePath(activityId)}/${fileId}/confirm`);
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('file_type_not_allowed');
    const download = await call('clerk-hospital', 'GET', `${evidencePath(activityId)}/${fileId}/download`);
    expect(download.status).toBe(422);
    expect(download.body.error.code).toBe('evidence_not_accepted');
  });

  it('rejects an object over 20 MB written past the policy (s3rver ignores it) and removes it', async () => {
    const grant = await requestUpload(activityId, {
      materialType: 'notice',
      fileName: '大文件.pdf',
      contentType: 'application/pdf',
      size: 1000,
    });
    const key = grant.body.upload.fields.key as string;
    const big = Buffer.alloc(20 * MB + 1, 0x20);
    Buffer.from('%PDF-1.7\n').copy(big);
    await t.s3.send(new PutObjectCommand({ Bucket: t.bucket, Key: key, Body: big, ContentType: 'application/pdf' }));

    const res = await call('clerk-hospital', 'POST', `${evidencePath(activityId)}/${grant.body.file.id}/confirm`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('file_too_large');
    expect(res.body.error.message).toContain('超过 20 MB');
    expect(await objectExists(key)).toBe(false);
  });

  it('accepts an object of exactly 20 MB', async () => {
    const grant = await requestUpload(activityId, { materialType: 'sign_in', fileName: 'scan', contentType: 'image/jpeg', size: 20 * MB });
    const bytes = Buffer.alloc(20 * MB, 0x00);
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(bytes);
    await t.s3.send(new PutObjectCommand({ Bucket: t.bucket, Key: grant.body.upload.fields.key, Body: bytes }));
    const res = await call('clerk-hospital', 'POST', `${evidencePath(activityId)}/${grant.body.file.id}/confirm`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ size: 20 * MB, detectedType: 'image/jpeg', sha256: sha256(bytes) });
  });
});

describe('downloads', () => {
  let activityId: string;
  let fileId: string;
  const bytes = pdf('download me');
  beforeAll(async () => {
    activityId = await addTraining();
    // A Chinese name with spaces and parentheses: RFC 5987 encoding keeps it intact.
    ({ fileId } = await uploadFile(activityId, bytes, { fileName: '培训 通知(终稿).pdf' }));
    expect((await call('clerk-hospital', 'POST', `${evidencePath(activityId)}/${fileId}/confirm`)).status).toBe(200);
  });

  it('gives a 5-minute presigned GET that downloads the file as an attachment', async () => {
    const res = await call('clerk-hospital', 'GET', `${evidencePath(activityId)}/${fileId}/download`);
    expect(res.status).toBe(200);
    const ttl = Date.parse(res.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(4 * 60_000);
    expect(ttl).toBeLessThanOrEqual(5 * 60_000);
    expect(new URL(res.body.url).searchParams.get('X-Amz-Expires')).toBe('300');

    const file = await fetch(res.body.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('培训 通知')}%28${encodeURIComponent('终稿')}%29.pdf`,
    );
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('is open to every role that may see the person, the person included', async () => {
    for (const user of ['reviewer-hospital', 'auditor', 'hr-officer', 'person-zhangwei']) {
      const res = await call(user, 'GET', `${evidencePath(activityId)}/${fileId}/download`);
      expect(res.status, user).toBe(200);
    }
  });
});

describe('scoping and roles', () => {
  let activityId: string;
  let fileId: string;
  beforeAll(async () => {
    activityId = await addTraining();
    ({ fileId } = await uploadFile(activityId, pdf()));
    expect((await call('clerk-hospital', 'POST', `${evidencePath(activityId)}/${fileId}/confirm`)).status).toBe(200);
  });

  const routes = (activity: string, file: string): [string, string, unknown?][] => [
    ['POST', `${evidencePath(activity)}/uploads`, { materialType: 'notice', fileName: 'a.pdf', contentType: 'application/pdf', size: 10 }],
    ['POST', `${evidencePath(activity)}/${file}/confirm`],
    ['GET', evidencePath(activity)],
    ['GET', `${evidencePath(activity)}/${file}/download`],
  ];

  it.each([0, 1, 2, 3])('a clerk of another unit gets 404 on evidence route %i', async (i) => {
    const [method, path, body] = routes(activityId, fileId)[i]!;
    const res = await call('clerk-school', method, path, body);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('person_not_found');
  });

  it('answers 404 for a file of another activity and an unknown activity', async () => {
    const other = await addTraining();
    expect((await call('clerk-hospital', 'GET', `${evidencePath(other)}/${fileId}/download`)).status).toBe(404);
    expect((await call('clerk-hospital', 'POST', `${evidencePath(other)}/${fileId}/confirm`)).status).toBe(404);
    expect((await call('clerk-hospital', 'GET', evidencePath('no-such-activity'))).status).toBe(404);
  });

  it('lets a person attach evidence to their own entries only; reviewers only read', async () => {
    const own = await addTraining('person-zhangwei');
    const mine = await uploadFile(
      own,
      png(),
      { materialType: 'notice', fileName: '通知.png', contentType: 'image/png' },
      'person-zhangwei',
    );
    expect((await call('person-zhangwei', 'POST', `${evidencePath(own)}/${mine.fileId}/confirm`)).status).toBe(200);

    const notMine = await requestUpload(
      activityId,
      { materialType: 'notice', fileName: 'a.pdf', contentType: 'application/pdf', size: 10 },
      'person-zhangwei',
    );
    expect(notMine.status).toBe(422);
    expect(notMine.body.error.code).toBe('not_own_entry');

    const reviewer = await requestUpload(
      activityId,
      { materialType: 'notice', fileName: 'a.pdf', contentType: 'application/pdf', size: 10 },
      'reviewer-hospital',
    );
    expect(reviewer.status).toBe(403);
    expect((await call('person-zhangwei', 'GET', `/v1/people/person-lina/activities/${activityId}/evidence`)).status).toBe(404);
  });

  it('audits every step: the request, and the verdict with who gave it', async () => {
    const audit = await call('auditor', 'GET', `/v1/people/${PERSON}/audit`);
    const events = audit.body.items.filter((e: any) => e.entity === 'evidence' && e.entityId === fileId);
    expect(events.map((e: any) => e.action)).toEqual(['upload_requested', 'accept']);
    expect(events[1]).toMatchObject({ actor: 'clerk-hospital', role: 'unit_clerk', from: 'pending', to: 'accepted' });
  });
});

describe('storage outages', () => {
  it('answers 503 storage_unavailable while S3 is down, and a retry later accepts the file', async () => {
    const activityId = await addTraining();
    const bytes = pdf();
    const { fileId } = await uploadFile(activityId, bytes);

    // The same app and table, but its S3 client points at a port nothing listens on.
    const closed = `http://127.0.0.1:${await findFreePort()}`;
    const down = createApp({
      ...t.deps,
      evidenceStore: createEvidenceStore(createS3Client({ endpoint: closed, region: 'us-east-1' }), t.bucket),
    });
    const failed = await callOn(down)('clerk-hospital', 'POST', `${evidencePath(activityId)}/${fileId}/confirm`);
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe('storage_unavailable');
    expect(failed.body.error.message).toMatch(/稍后重试/);
    const list = await call('clerk-hospital', 'GET', evidencePath(activityId));
    expect(list.body.items.find((f: any) => f.id === fileId).status).toBe('pending');

    const retried = await call('clerk-hospital', 'POST', `${evidencePath(activityId)}/${fileId}/confirm`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'accepted', sha256: sha256(bytes) });
  });
});

/**
 * An S3 that, like AWS for a reader without s3:ListBucket, answers 403 instead of 404 for a key that
 * does not exist: a proxy in front of the test's S3 server that turns the 404 of a HEAD or GET of an
 * object into a 403 (HEAD: no body, as S3 sends; GET: S3's AccessDenied XML). Everything else passes.
 */
async function startHidingS3(upstream: string): Promise<{ endpoint: string; server: Server; hidden: string[] }> {
  const target = new URL(upstream);
  const hidden: string[] = [];
  const server = createServer((req, res) => {
    const upstreamReq = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        const objectRead =
          (req.method === 'HEAD' || req.method === 'GET') && (req.url ?? '').split('?')[0]!.split('/').filter(Boolean).length > 1;
        if (objectRead && up.statusCode === 404) {
          up.resume();
          hidden.push(`${req.method} ${req.url}`);
          const body =
            req.method === 'HEAD'
              ? ''
              : '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';
          res.writeHead(403, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) }).end(body);
          return;
        }
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstreamReq.on('error', () => res.writeHead(502).end());
    req.pipe(upstreamReq);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, hidden };
}

describe('an S3 that answers 403 for a missing object (AWS without s3:ListBucket)', () => {
  let hiding: Awaited<ReturnType<typeof startHidingS3>>;
  let app: App;
  beforeAll(async () => {
    hiding = await startHidingS3(inject('s3Endpoint'));
    app = createApp({
      ...t.deps,
      evidenceStore: createEvidenceStore(createS3Client({ endpoint: hiding.endpoint, region: 'us-east-1' }), t.bucket),
    });
  });
  afterAll(() => new Promise<void>((resolve) => hiding.server.close(() => resolve())));

  it('answers 422 evidence_not_uploaded to a confirm, and to a second one, instead of a 500', async () => {
    const activityId = await addTraining();
    const grant = await callOn(app)('clerk-hospital', 'POST', `${evidencePath(activityId)}/uploads`, {
      materialType: 'notice',
      fileName: '通知.pdf',
      contentType: 'application/pdf',
      size: 100,
    });
    expect(grant.status).toBe(201);
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await callOn(app)('clerk-hospital', 'POST', `${evidencePath(activityId)}/${grant.body.file.id}/confirm`);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('evidence_not_uploaded');
    }
    // The S3 really said 403 (the proxy hid the 404), and the file is still waiting for its upload.
    expect(hiding.hidden.some((r) => r.startsWith('HEAD ') && r.includes(grant.body.upload.fields.key))).toBe(true);
    const list = await callOn(app)('clerk-hospital', 'GET', evidencePath(activityId));
    expect(list.body.items.find((f: any) => f.id === grant.body.file.id).status).toBe('pending');
  });

  it('still accepts a file that did arrive', async () => {
    const activityId = await addTraining();
    const bytes = pdf();
    const { fileId } = await uploadFile(activityId, bytes);
    const res = await callOn(app)('clerk-hospital', 'POST', `${evidencePath(activityId)}/${fileId}/confirm`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'accepted', sha256: sha256(bytes) });
  });
});

describe('the S3 ObjectCreated job', () => {
  const event = (key: string, bucket = t.bucket) => ({
    Records: [
      { eventName: 'ObjectCreated:Post', s3: { bucket: { name: bucket }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/') } } },
    ],
  });

  it('runs the same check without a confirm: accepts good files, rejects bad ones, removes strays', async () => {
    const handler = createEvidenceCheckHandler(t.deps, t.bucket);
    const activityId = await addTraining();

    const good = await uploadFile(activityId, png(), { fileName: 'n.png', contentType: 'image/png' });
    await handler(event(good.key));
    let list = await call('clerk-hospital', 'GET', evidencePath(activityId));
    expect(list.body.items.find((f: any) => f.id === good.fileId)).toMatchObject({
      status: 'accepted',
      updatedBy: 'system:evidence-check',
    });
    // The browser's confirm afterwards finds the verdict.
    expect((await call('clerk-hospital', 'POST', `${evidencePath(activityId)}/${good.fileId}/confirm`)).status).toBe(200);

    const bad = await uploadFile(activityId, elf(), { fileName: 'x.pdf' });
    await handler(event(bad.key));
    list = await call('clerk-hospital', 'GET', evidencePath(activityId));
    expect(list.body.items.find((f: any) => f.id === bad.fileId).status).toBe('rejected');
    expect(await objectExists(bad.key)).toBe(false);

    const stray = `evidence/${PERSON}/${activityId}/not-issued`;
    await t.s3.send(new PutObjectCommand({ Bucket: t.bucket, Key: stray, Body: pdf() }));
    await handler(event(stray));
    expect(await objectExists(stray)).toBe(false);

    // Events of other buckets are not ours.
    await handler(event(good.key, 'someone-else'));
  });

  it('records one verdict when the event and the confirm race', async () => {
    const handler = createEvidenceCheckHandler(t.deps, t.bucket);
    const activityId = await addTraining();
    const { fileId, key } = await uploadFile(activityId, pdf());
    const [confirmed] = await Promise.all([
      call('clerk-hospital', 'POST', `${evidencePath(activityId)}/${fileId}/confirm`),
      handler(event(key)),
    ]);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('accepted');
    const audit = await call('auditor', 'GET', `/v1/people/${PERSON}/audit`);
    const verdicts = audit.body.items.filter((e: any) => e.entityId === fileId && e.action !== 'upload_requested');
    expect(verdicts.map((e: any) => e.action)).toEqual(['accept']);
  });
});
